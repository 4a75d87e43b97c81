using FaceMask.Bench;

return args.FirstOrDefault() switch
{
    "detection" => DetectionBench.Run(args[1..]),
    "load" => LoadTest.Run(args[1..]),
    "model" => ModelBench.Run(args[1..]),
    "batch" => BatchBench.Run(args[1..]),
    "extract" => ExtractionBench.Run(args[1..]),
    "video" => VideoBench.Run(args[1..]),
    _ when args.Contains("--resnet-ft") => FineTuneBenchmark.Run(args),
    _ => BenchmarkApp.Run(args),
};
