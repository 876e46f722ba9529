using AsyncBench.Publishing.Commands;

// publish [REPORTS_DIR] [--out DIR] | compare BASE_DIR DIFF_DIR [--threshold PCT]; all logic is in AsyncBench.Publishing.
return Cli.Run(args, Console.Out, Console.Error);
