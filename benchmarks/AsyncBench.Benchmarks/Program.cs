using AsyncBench.Benchmarks.Running;
using BenchmarkDotNet.Running;

// Every standard BenchmarkDotNet option works (--filter, --list, --job, --anyCategories, ...);
// AsyncBench adds one of its own, --profile quick|nightly|nightly-pass|full, which is taken out before BenchmarkDotNet sees the rest.
return SuiteRunner.Run(args);
