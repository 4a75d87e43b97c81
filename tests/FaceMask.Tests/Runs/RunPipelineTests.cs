using FaceMask.Bias;
using FaceMask.Data;
using FaceMask.Protocols;
using FaceMask.Reporting;
using FaceMask.Runs;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;

namespace FaceMask.Tests.Runs;

/// <summary>The run pipeline as a library: options checked with the command line's messages, events in order, files written, nothing printed.</summary>
public sealed class RunPipelineTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void OptionsThatDoNotGoTogetherFailWithTheCommandLinesMessages()
    {
        Assert.Equal(
            "--leave-one-group-out needs --groups CSV (and --group-column NAME) and makes one fold per group, so it takes no --folds",
            Assert.Throws<FaceMaskException>(() => RunPipeline.KFold(new KFoldRunOptions { LeaveOneGroupOut = true, Data = temp["none"] }, "test")).Message);
        Assert.Equal(
            "--balance-by needs --attributes CSV|DIR",
            Assert.Throws<FaceMaskException>(() => RunPipeline.Train(new TrainRunOptions { BalanceBy = "gender", Data = temp["none"] }, "test")).Message);
        Assert.StartsWith(
            "--arch nope: unknown architecture; known: ",
            Assert.Throws<FaceMaskException>(() => RunPipeline.Train(new TrainRunOptions { Arch = "nope" }, "test")).Message,
            StringComparison.Ordinal);
        Assert.Equal("bias needs --attributes CSV|DIR", Assert.Throws<FaceMaskException>(() => RunPipeline.Bias(new BiasRunOptions { Model = "m" }, "test")).Message);
        Assert.Equal("--data DIR is required", Assert.Throws<FaceMaskException>(() => new DataRunOptions().RequireData()).Message);
    }

    [Fact]
    public void TrainWritesTheRunAndTheBiasFilesAndTellsTheObserverInOrder()
    {
        string data = SyntheticDataset.Create(temp["data"], classes: 3, perClass: 12, side: 16, seed: 5);
        string attributes = Path.Combine(temp.Path, "attributes.csv");
        File.WriteAllLines(attributes, ["path,gender", .. Directory.GetFiles(data, "*", SearchOption.AllDirectories)
            .Select((f, i) => $"{Path.GetRelativePath(data, f).Replace('\\', '/')},{(i % 2 == 0 ? "f" : "m")}")]);
        var observer = new RecordingObserver();
        var outcome = RunPipeline.Train(
            new TrainRunOptions { Data = data, Size = 16, Epochs = 1, Threads = 1, NoCache = true, Attributes = attributes, Bootstrap = 10, BalanceBy = "gender", Out = temp["run"] },
            "facemask train (test)",
            observer);

        Assert.Equal(["Loaded", "Balanced", "Training", "Recorded", "BiasWritten"], observer.Events);
        Assert.False(outcome.Cancelled);
        Assert.NotNull(outcome.Report);
        Assert.NotNull(outcome.Bias);
        Assert.Equal("gender", outcome.Report.Settings["balance_by"]);
        foreach (string file in new[] { "report.json", "report.md", "predictions.csv", "bias.json", "bias.md", "model/model.json" })
        {
            Assert.True(File.Exists(Path.Combine(outcome.RunDirectory, file)), file);
        }
    }

    private sealed class RecordingObserver : IRunObserver
    {
        public List<string> Events { get; } = [];

        public void Loaded(LoadedDataset data, TimeSpan elapsed) => Events.Add("Loaded");

        public void Balanced(GroupBalance balance) => Events.Add("Balanced");

        public T Training<T>(string title, Func<IProgress<TrainingProgress>?, T> work)
        {
            Events.Add("Training");
            return work(null);
        }

        public void Recorded(RunReport report, ExperimentResult result, string runDirectory) => Events.Add("Recorded");

        public void BiasWritten(BiasReport report, string runDirectory) => Events.Add("BiasWritten");
    }
}
