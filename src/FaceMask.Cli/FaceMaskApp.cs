using FaceMask.Cli.Commands;
using FaceMask.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli;

/// <summary>The <c>facemask</c> command tree. Exit codes: 0 ok, 1 unexpected failure, 2 bad input, 130 stopped by Ctrl+C.</summary>
internal static class FaceMaskApp
{
    public static int Run(string[] args, IAnsiConsole? console = null)
    {
        // Every command: libtorch's freed activation blocks stay in the heap for the next step or pass instead of being
        // returned to the system and faulted back in (the seed5 training-step benchmark 1.24–1.35× faster, a batch of
        // served faces 1.9× less CPU, fine-tuning no more peak memory; docs/benchmarks.md).
        NativeHeap.KeepActivationMemory();
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true; // first Ctrl+C: finish the current batch, keep the last complete epoch
                cancellation.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var app = new CommandApp();
            app.Configure(config =>
            {
                config.SetApplicationName("facemask");
                config.ConfigureConsole(console ?? AnsiConsole.Console);

                config.SetExceptionHandler((ex, _) => HandleException(console ?? AnsiConsole.Console, ex));
                config.AddCommand<TrainCommand>("train").WithDescription("Train on a stratified hold-out split (default 70:30) and save the model.")
                    .WithExample("train", "--data", "images", "--arch", "seed4", "--test-split", "0.3");
                config.AddCommand<KFoldCommand>("kfold").WithDescription("Stratified k-fold cross-validation (default 10 folds).")
                    .WithExample("kfold", "--data", "images", "--folds", "10", "--epochs", "10");
                config.AddCommand<EvaluateCommand>("evaluate").WithDescription("Evaluate a saved model on a labelled folder.");
                config.AddCommand<PredictCommand>("predict").WithDescription("Classify image files or folders with a saved model.");
                config.AddCommand<DetectCommand>("detect").WithDescription("Find the faces in photos, classify each, print boxes and labels; --annotate draws them.")
                    .WithExample("detect", "group.jpg", "--annotate", "out");
                config.AddCommand<VideoCommand>("video").WithDescription("Follow every person through videos, label each once by a vote and count them; --annotate writes annotated MP4s and timeline charts.")
                    .WithExample("video", "entrance.mp4", "--annotate", "out");
                config.AddCommand<ServeCommand>("serve").WithDescription("Serve the upload page and the REST API (POST /api/v1/predict) until Ctrl+C.")
                    .WithExample("serve", "--urls", "http://127.0.0.1:5000");
                config.AddCommand<BiasCommand>("bias").WithDescription("Per-group evaluation: reports, gaps and bootstrap intervals by attribute (e.g. gender, age).")
                    .WithExample("bias", "--model", "runs/x/model", "--data", "images", "--attributes", "attributes.csv");
                config.AddCommand<CompareCommand>("compare").WithDescription("Compare run folders: Metric | Old | New, groups and gaps, with intervals.")
                    .WithExample("compare", "runs/plain", "runs/balanced");
                config.AddCommand<ReportCommand>("report").WithDescription("Rebuild report.html (and a generated model card) from a run folder's files.")
                    .WithExample("report", "runs/20260101-120000-kfold");
                config.AddCommand<CalibrateCommand>("calibrate").WithDescription("Fit a temperature and an unsure threshold on a run's held-out predictions; write a calibrated copy of the model.")
                    .WithExample("calibrate", "--model", "runs/x/model", "--run", "runs/x", "--out", "models/calibrated", "--target-accuracy", "0.95");
                config.AddCommand<AverageCommand>("average").WithDescription("Average the weights of fine-tuned models trained from the same start into one model (a model soup).")
                    .WithExample("average", "runs/a/model", "runs/b/model", "--out", "models/averaged");
                config.AddCommand<ExportCommand>("export").WithDescription("Write a saved model as one ONNX file (raw RGB pixels in, class probabilities out).")
                    .WithExample("export", "--model", "runs/x/model", "--onnx", "facemask.onnx");
                config.AddCommand<AugmentCommand>("augment").WithDescription("Write a class-balanced, augmented copy of a dataset.");
                config.AddBranch("audit", audit =>
                {
                    audit.SetDescription("Blind label audit of a run: review sheets, then label error and accuracy against the reviewed labels.");
                    audit.AddCommand<AuditSampleCommand>("sample").WithDescription("Draw a stratified sample of a run's images onto numbered review sheets and a blank review.csv.")
                        .WithExample("audit", "sample", "--run", "runs/x", "--out", "audit");
                    audit.AddCommand<AuditScoreCommand>("score").WithDescription("Score a filled review.csv: label error rate, accuracy and F1 against the reviewed labels.")
                        .WithExample("audit", "score", "audit");
                });
                config.AddBranch("data", data =>
                {
                    data.SetDescription("Inspect a dataset, or derive one.");
                    data.AddCommand<DataStatsCommand>("stats").WithDescription("Images per class and the files that would be skipped.");
                    data.AddCommand<DataFacesCommand>("faces").WithDescription("Write a face-centred copy of a dataset (faces cropped as detect crops them; images without a face copied whole).")
                        .WithExample("data", "faces", "--data", "images", "--out", "images-faces");
                });
            });
            return app.Run(args, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int HandleException(IAnsiConsole console, Exception ex)
    {
        switch (ex)
        {
            case FaceMaskException user:
                console.MarkupLine($"[red]error:[/] {Markup.Escape(user.Message)}");
                return 2;
            case CommandAppException cli:
                console.MarkupLine($"[red]error:[/] {Markup.Escape(cli.Message)}");
                return 2;
            case OperationCanceledException:
                console.MarkupLine("[yellow]stopped[/]");
                return 130;
            default:
                console.WriteException(ex, ExceptionFormats.ShortenEverything);
                return 1;
        }
    }
}
