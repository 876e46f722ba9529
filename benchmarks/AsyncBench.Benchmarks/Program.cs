using AsyncBench.Benchmarks.Running;
using BenchmarkDotNet.Running;

// Every standard BenchmarkDotNet option works (--filter, --list, --job, --anyCategories, ...);
// AsyncBench adds its own, taken out before BenchmarkDotNet sees the rest: --profile quick|sweep|nightly|nightly-pass|evidence|full, and for a
// reviewer's own setting --params Name=value ... (instead of the declared [Params]), --latency <distribution> and --seed N.
return SuiteRunner.Run(args);
