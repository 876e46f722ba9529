using AsyncBench.Benchmarks.Files;
using AsyncBench.Benchmarks.Harness;

namespace AsyncBench.Tests.Files;

/// <summary>Every file workload and API under every strategy, on real files: every checksum and every byte checked.</summary>
public sealed class FileStrategyTests
{
    public static TheoryData<string, FileReadApi> StrategiesAndApis
    {
        get
        {
            var data = new TheoryData<string, FileReadApi>();
            foreach (var strategy in StrategyRunner.Names)
            {
                foreach (var api in Enum.GetValues<FileReadApi>())
                {
                    data.Add(strategy, api);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> StrategyNames => new(StrategyRunner.Names);

    [Theory]
    [MemberData(nameof(StrategiesAndApis))]
    public async Task Read_Should_VerifyEveryChecksum(string strategy, FileReadApi api)
    {
        await using var workload = await FileReadWorkload.StartAsync(count: 20, sizeBytes: 64 * 1024 + 3, api);

        var checkedUnits = await StrategyRunner.RunAsync(strategy, workload, 40); // every file read twice

        Assert.Equal(Enumerable.Range(0, 40), checkedUnits);
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Write_Should_ReadBackEveryFile(string strategy)
    {
        const int count = 30;
        await using var workload = await FileWriteWorkload.StartAsync(count, sizeBytes: 64 * 1024, flushToDisk: false);

        Assert.Equal(Enumerable.Range(0, count), await StrategyRunner.RunAsync(strategy, workload, count));
        Assert.Equal(Enumerable.Range(0, count), await StrategyRunner.RunAsync(strategy, workload, count)); // a second batch rewrites the same files

        workload.VerifyFiles();
        Assert.Equal(count, Directory.GetFiles(workload.Folder).Length);
    }

    [Theory]
    [InlineData(StrategyRunner.Serial)]
    [InlineData(StrategyRunner.WhenAll)]
    public async Task WriteWithFlushToDisk_Should_ReadBackEveryFile(string strategy)
    {
        await using var workload = await FileWriteWorkload.StartAsync(10, sizeBytes: 4096, flushToDisk: true);

        var checkedUnits = await StrategyRunner.RunAsync(strategy, workload, 10);

        Assert.Equal(Enumerable.Range(0, 10), checkedUnits);
        workload.VerifyFiles();
        Assert.Equal(10, Directory.GetFiles(workload.Folder).Length);
    }

    [Fact]
    public async Task Write_Should_LoseNothing_UnderWhenAll_AtCount1000()
    {
        const int count = 1000;
        await using var workload = await FileWriteWorkload.StartAsync(count, sizeBytes: 4096, flushToDisk: false);

        await Strategies.WhenAllAsync(workload, count);

        workload.VerifyFiles();
        Assert.Equal(count, Directory.GetFiles(workload.Folder).Length);
    }
}
