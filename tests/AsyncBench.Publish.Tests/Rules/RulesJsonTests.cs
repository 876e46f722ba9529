using System.Text.Json;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Rules;

namespace AsyncBench.Publish.Tests;

/// <summary>rules.json states what the page states, from the same evaluation, readable without parsing markdown.</summary>
public class RulesJsonTests
{
    private static DeclaredClaim Plan(string id, string target) => PlanDeclarations.Claims.First(c => c.Id == id && c.Target == target);

    [Fact]
    public void RulesJson_Should_CarryEachRulesVerdict_TargetsAndClaimValues_AsTheEvaluationHasThem()
    {
        // Rule 1 holds for HTTP (its interval) and not for SQLite inserts (its premise's count): two deciders in one file.
        var http = Plan("async-gains", "HTTP (mock server)");
        var inserts = Plan("async-gains", "SQLite inserts");
        var run = ClaimRuns.Build([Scenarios.In(http, RuleOutcome.Holds)!, new Placement(inserts, 1, PremiseHolds: false)], PlanDeclarations.Rules, PlanDeclarations.Metrics, passes: true);
        var evaluation = Claims.Evaluate(run);
        var ruleOne = evaluation.Rules.Single(r => r.Rule.Number == 1);

        var text = RulesJson.Serialize(run, TestInputs.Label, evaluation);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;

        Assert.Equal(RulesJson.Format, root.GetProperty("format").GetString());
        Assert.Equal(run.Declarations.Rules.Count, root.GetProperty("rules").GetArrayLength());
        var rule = root.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("number").GetInt32() == 1);
        Assert.Equal("HoldsOnlyFor", rule.GetProperty("verdict").GetString());
        Assert.Equal(Answers.VerdictWords(ruleOne), rule.GetProperty("words").GetString());
        Assert.DoesNotContain("**", rule.GetProperty("answer").GetString(), StringComparison.Ordinal);

        var targets = rule.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, StringComparer.Ordinal);
        Assert.Equal(("Holds", "Time"), (targets["HTTP"].GetProperty("verdict").GetString(), targets["HTTP"].GetProperty("decidedBy").GetString()));
        Assert.Equal(("DoesNotCarryOver", "Premise", "No"), (targets["SQLite inserts"].GetProperty("verdict").GetString(), targets["SQLite inserts"].GetProperty("decidedBy").GetString(), targets["SQLite inserts"].GetProperty("answer").GetString()));

        var httpLine = ruleOne.Lines.Single(l => l.Claim.Target == http.Target);
        var claim = rule.GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("target").GetString() == http.Target && c.GetProperty("id").GetString() == http.Id);
        var atDeclared = claim.GetProperty("atDeclared");
        Assert.Equal(httpLine.Value.Value, atDeclared.GetProperty("value").GetDouble());
        Assert.Equal(httpLine.Value.Lower, atDeclared.GetProperty("lower").GetDouble());
        Assert.Equal(httpLine.Value.Upper, atDeclared.GetProperty("upper").GetDouble());
        Assert.Equal(5, atDeclared.GetProperty("launches").GetInt32());

        var premise = rule.GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("target").GetString() == inserts.Target && c.GetProperty("id").GetString() == inserts.Id)
            .GetProperty("atDeclared").GetProperty("premise");
        Assert.False(premise.GetProperty("holds").GetBoolean());
        Assert.Equal(5, premise.GetProperty("counts").GetArrayLength());
    }

    [Fact]
    public void RulesJson_Should_WriteNullForAValueWithoutAnInterval_AndNotEscapeWhatAReviewerReads()
    {
        // One launch a side: a time has no interval (null, not NaN) and is provisional.
        var claim = PlanDeclarations.Claims.First(c => c.Id == "sleep-blocks-others");
        var run = ClaimRuns.Build([Scenarios.In(claim, RuleOutcome.Holds)!], PlanDeclarations.Rules, PlanDeclarations.Metrics, launches: 1);

        var text = RulesJson.Serialize(run, TestInputs.Label, Claims.Evaluate(run));
        using var json = JsonDocument.Parse(text);
        var atDeclared = json.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("number").GetInt32() == 7)
            .GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("id").GetString() == claim.Id).GetProperty("atDeclared");

        Assert.Equal(JsonValueKind.Null, atDeclared.GetProperty("lower").ValueKind);
        Assert.Equal(JsonValueKind.Null, atDeclared.GetProperty("upper").ValueKind);
        Assert.True(atDeclared.GetProperty("provisional").GetBoolean());
        Assert.Equal("Value", atDeclared.GetProperty("decidedBy").GetString());
        Assert.Contains("\"setting\": \"Count=100\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }
}
