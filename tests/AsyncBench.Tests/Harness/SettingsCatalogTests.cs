using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Benchmarks.Serial;
using AsyncBench.Fixtures.Files;
using AsyncBench.Fixtures.Sqlite;

namespace AsyncBench.Tests.Harness;

/// <summary>
/// Each workload states and checks its own settings; the configuration check gathers them, so a new target's
/// variable is known (not refused as misspelt) and checked with no list to edit.
/// </summary>
public sealed class SettingsCatalogTests
{
    [Fact]
    public void Catalog_Should_KnowEachWorkloadsSetting_FromItsOwnFolder()
    {
        Assert.Contains(HttpWorkload.ExternalUrlVariable, ConfigurationCheck.KnownVariables);
        Assert.Contains(SqliteDatabase.DirectoryVariable, ConfigurationCheck.KnownVariables);
        Assert.Contains(TempFileSet.DirectoryVariable, ConfigurationCheck.KnownVariables);
        Assert.Contains(typeof(SerialSettings), SettingsCatalog.All.Select(part => part.GetType()));
        Assert.Equal(ConfigurationCheck.KnownVariables.Count, ConfigurationCheck.KnownVariables.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Catalog_Should_OrderTheParts_ByTypeName_WhateverTheirFolder()
    {
        // The first problem reported and the variables an error line lists follow this order.
        Assert.Equal(
            ["FileSettings", "HttpSettings", "RedisSettings", "SerialSettings", "SqliteSettings", "SuiteSettings"],
            SettingsCatalog.All.Select(part => part.GetType().Name));
    }

    [Fact]
    public void Catalog_Should_FindANewTargetsSettings_AndCheckThem()
    {
        var parts = SettingsCatalog.Gather([typeof(FakeRedisSettings), typeof(string)]);

        var part = Assert.Single(parts);
        Assert.Equal(["ASYNCBENCH_FAKE_REDIS"], part.Variables);
        Assert.Equal("ASYNCBENCH_FAKE_REDIS is always wrong here.", part.Check());
    }

    [Fact]
    public void Catalog_Should_RefuseASettingClaimedTwice_NamingBothTypes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SettingsCatalog.Gather([typeof(FakeRedisSettings), typeof(FakeRedisSettingsAgain)]));

        Assert.Contains(nameof(FakeRedisSettings), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(FakeRedisSettingsAgain), error.Message, StringComparison.Ordinal);
    }

    public sealed class FakeRedisSettings : IChecksSettings
    {
        public IReadOnlyList<string> Variables { get; } = ["ASYNCBENCH_FAKE_REDIS"];

        public string? Check() => "ASYNCBENCH_FAKE_REDIS is always wrong here.";
    }

    public sealed class FakeRedisSettingsAgain : IChecksSettings
    {
        public IReadOnlyList<string> Variables { get; } = ["ASYNCBENCH_FAKE_REDIS"];

        public string? Check() => null;
    }
}
