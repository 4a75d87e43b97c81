using FaceMask.Bench;

return args.Length > 0 && args[0] == "load" ? LoadTest.Run(args[1..]) : BenchmarkApp.Run(args);
