using AsyncBench.Publishing.Commands;

// The verbs (publish, compare, replicate, words, ab, trials, merge-passes, plan-launches) and their options: run with --help.
// All logic is in AsyncBench.Publishing; Commands/Cli.cs parses the command line.
return Cli.Run(args, Console.Out, Console.Error);
