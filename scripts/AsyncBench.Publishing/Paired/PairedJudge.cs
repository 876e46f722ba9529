using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Paired;

/// <summary>
/// Judges a night's cases by <see cref="PairedRule"/>, replaying its rounds in order as the night ran them (Pinpoint's
/// sequence): after each round every case that got pairs is looked at with the spreads of all pairs so far. A case that
/// was a candidate when a round began got that round's pairs as its confirmation, judged alone and once. The planner
/// (<see cref="PairedPlanner"/>) replays the same way, so what it asks for is what the judgement will count.
/// </summary>
public static class PairedJudge
{
    public static PairedJudgement Judge(IReadOnlyList<PairedCase> cases, IReadOnlyList<PairedRound> rounds, PairedRule rule, PairedPrior? prior)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(rule);
        var states = cases.ToDictionary(c => c.Id, c => new State(c));
        foreach (var round in rounds)
        {
            var touched = new List<State>();
            foreach (var (id, values) in round.Pairs)
            {
                if (values.Count == 0 || !states.TryGetValue(id, out var state))
                {
                    continue;
                }

                state.Add(round.Number, values);
                touched.Add(state);
            }

            if (touched.Count > 0)
            {
                var spreads = Spreads(states.Values, prior);
                foreach (var state in touched)
                {
                    state.Look(round.Number, spreads[state.Case.Id], rule);
                }
            }
        }

        var final = Spreads(states.Values, prior);
        return new PairedJudgement(rule, [.. states.Values.OrderBy(s => s.Case.Id.Key, StringComparer.Ordinal).Select(s => s.Final(final.GetValueOrDefault(s.Case.Id), rule))]);
    }

    private static Dictionary<BenchmarkId, CaseSpread> Spreads(IEnumerable<State> states, PairedPrior? prior) =>
        PairedSpreads.Of([.. states.Where(s => s.Pairs.Count > 0).Select(s => s.Own())], prior);

    /// <summary>The (1 − 2α_d) interval of <paramref name="values"/>: their mean ± t(1 − α_d, df) × σ̃ ÷ √n.</summary>
    public static PairedInterval Interval(IReadOnlyList<double> values, CaseSpread spread)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(spread);
        var center = values.Count > 0 ? values.Average() : double.NaN;
        var half = PairedRule.T(1 - PairedRule.DiscoveryAlpha, spread.DegreesOfFreedom) * spread.Sigma / Math.Sqrt(Math.Max(1, values.Count));
        return spread.IsKnown ? new PairedInterval(center, center - half, center + half, values.Count, spread)
            : new PairedInterval(center, double.NaN, double.NaN, values.Count, spread);
    }

    private enum Phase
    {
        Open,
        Candidate,
        Confirmed,
        Cleared,
    }

    private enum Stage
    {
        Discovery,
        Confirmation,
        After,
    }

    private sealed class State(PairedCase pairedCase)
    {
        public PairedCase Case { get; } = pairedCase;

        public List<(int Round, double Value, Stage Stage)> Pairs { get; } = [];

        private Phase phase = Phase.Open;
        private int looks;
        private int? candidateRound;
        private Confirmation? confirmation;
        private PairedOutcome outcome = PairedOutcome.Undecided;
        private UndecidedReason reason = UndecidedReason.TooFewPairs;
        private PairedInterval? interval;

        private PairedSpreads.Own? own;

        public void Add(int round, IReadOnlyList<double> values)
        {
            var stage = phase switch { Phase.Open => Stage.Discovery, Phase.Candidate => Stage.Confirmation, _ => Stage.After };
            Pairs.AddRange(values.Select(v => (round, v, stage)));
            own = null;
        }

        /// <summary>Its spread tonight: the pairs around the mean of their own stage (discovery, confirmation, after).</summary>
        public PairedSpreads.Own Own()
        {
            if (own is null)
            {
                var ss = 0.0;
                var df = 0;
                foreach (var stage in Pairs.GroupBy(p => p.Stage))
                {
                    var mean = stage.Average(p => p.Value);
                    ss += stage.Sum(p => (p.Value - mean) * (p.Value - mean));
                    df += stage.Count() - 1;
                }

                own = new PairedSpreads.Own(Case, ss, df);
            }

            return own;
        }

        public void Look(int round, CaseSpread spread, PairedRule rule)
        {
            if (phase == Phase.Candidate)
            {
                var fresh = Values(Stage.Confirmation);
                var center = fresh.Average();
                var lower = center - (PairedRule.T(1 - rule.ConfirmationAlpha, spread.DegreesOfFreedom) * spread.Sigma / Math.Sqrt(fresh.Count));
                var confirmed = spread.IsKnown && lower > rule.MinimumEffectLog;
                confirmation = new Confirmation(round, fresh.Count, center, spread.IsKnown ? lower : double.NaN, rule.ConfirmationAlpha, confirmed);
                phase = confirmed ? Phase.Confirmed : Phase.Cleared;
                return;
            }

            if (phase != Phase.Open)
            {
                return;
            }

            var values = Values(Stage.Discovery);
            interval = Interval(values, spread);
            if (values.Count < PairedRule.MinPairs || !spread.IsKnown)
            {
                (outcome, reason) = (PairedOutcome.Undecided, UndecidedReason.TooFewPairs);
                return;
            }

            looks++;
            var se = spread.Sigma / Math.Sqrt(values.Count);
            var mean = interval.CenterLog;
            if (mean - (PairedRule.T(1 - PairedRule.DiscoveryAlpha, spread.DegreesOfFreedom) * se) > rule.MinimumEffectLog)
            {
                if (looks <= PairedRule.DiscoveryLooks)
                {
                    (phase, candidateRound) = (Phase.Candidate, round);
                    (outcome, reason) = (PairedOutcome.Undecided, UndecidedReason.AwaitingConfirmation);
                }
                else
                {
                    (outcome, reason) = (PairedOutcome.Undecided, UndecidedReason.LooksUsedUp);
                }
            }
            else if (mean + (PairedRule.T(1 - rule.FasterAlpha, spread.DegreesOfFreedom) * se) < -rule.MinimumEffectLog)
            {
                (outcome, reason) = (PairedOutcome.Faster, UndecidedReason.None);
            }
            else if (interval.LowerLog > -rule.ThresholdLog && interval.UpperLog < rule.ThresholdLog)
            {
                (outcome, reason) = (PairedOutcome.Same, UndecidedReason.None);
            }
            else
            {
                (outcome, reason) = (PairedOutcome.Undecided, UndecidedReason.IntervalTooWide);
            }
        }

        public CaseJudgement Final(CaseSpread? spread, PairedRule rule)
        {
            var pairs = Pairs.Select(p => new JudgedPair(p.Round, p.Value, p.Stage == Stage.Confirmation)).ToList();
            if (phase is Phase.Confirmed or Phase.Cleared && spread is not null)
            {
                // All its pairs, with the night's last spread: shown for a slower case, and what decides a cleared one.
                var all = Interval([.. Pairs.Select(p => p.Value)], spread);
                var same = all.LowerLog > -rule.ThresholdLog && all.UpperLog < rule.ThresholdLog;
                (outcome, reason) = phase == Phase.Confirmed ? (PairedOutcome.Slower, UndecidedReason.None)
                    : same ? (PairedOutcome.Same, UndecidedReason.None)
                    : (PairedOutcome.Undecided, UndecidedReason.NotConfirmed);
                interval = all;
            }

            return new CaseJudgement(Case, pairs, outcome, reason, interval, looks, candidateRound, confirmation);
        }

        private List<double> Values(Stage stage) => [.. Pairs.Where(p => p.Stage == stage).Select(p => p.Value)];
    }
}
