using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Protocols;
using FaceMask.Reporting;
using FaceMask.Training;
using Xunit;

namespace FaceMask.Tests.Support;

/// <summary>
/// Two tiny real runs shared by the report tests: a 2-fold × 1-epoch k-fold run and a 1-epoch hold-out run at 16 px on a
/// generated 3-class dataset that has one broken file and a SOURCES.md with a "Known issues" section beside it.
/// </summary>
public sealed class HtmlRunFixture : IDisposable
{
    public const string KnownIssue = "class1 images carry a watermark strip";

    private readonly TempDirectory _temp = new();

    public HtmlRunFixture()
    {
        File.WriteAllText(_temp["SOURCES.md"], $"""
            # Test images

            Generated shapes. **No licence** covers them.

            ## Files

            Nothing to see here.

            ## Known issues

            * **Shortcut**: {KnownIssue}.
              * nested detail about the strip
            * Label noise: about 2 % per class.
            """);
        DataRoot = SyntheticDataset.Create(_temp["data"], classes: 3, perClass: 16, side: 20, seed: 7);
        File.WriteAllBytes(Path.Combine(DataRoot, "class0", "broken.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        var data = DatasetLoader.Load(DataRoot, new DatasetLoadOptions { Size = 16, UseCache = false });
        var options = new ExperimentOptions { Training = new TrainingOptions { Epochs = 1, BatchSize = 16, Threads = 1, Seed = 3 } };

        KFoldRun = RunFolder.Create(_temp["run-kfold"], "kfold", DateTime.UtcNow);
        using (var result = KFoldProtocol.Run(data, options, 2))
        {
            RunRecorder.Record(result, Context("kfold", data, new() { ["folds"] = "2", ["groups"] = string.Empty }), KFoldRun);
        }

        HoldoutRun = RunFolder.Create(_temp["run-train"], "train", DateTime.UtcNow);
        using (var result = HoldoutProtocol.Run(data, options, 0.3))
        {
            RunRecorder.Record(result, Context("train", data, new() { ["test_split"] = "0.3" }), HoldoutRun);
        }
    }

    public string DataRoot { get; }

    public string KFoldRun { get; }

    public string HoldoutRun { get; }

    /// <summary>A fresh folder for one test.</summary>
    public string NewFolder(string name)
    {
        string dir = _temp[name + "-" + Guid.NewGuid().ToString("N")[..6]];
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Copies a run folder (files and the model folder) so a test can change it.</summary>
    public string CopyRun(string run, string name)
    {
        string target = NewFolder(name);
        foreach (string file in Directory.GetFiles(run, "*", SearchOption.AllDirectories))
        {
            string dest = Path.Combine(target, Path.GetRelativePath(run, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }

        return target;
    }

    public void Dispose() => _temp.Dispose();

    private static RunContext Context(string verb, LoadedDataset data, Dictionary<string, string> settings) => new()
    {
        Verb = verb,
        Command = $"facemask {verb} --data <test data> --size 16 --epochs 1",
        WallSeconds = 1.5,
        Data = data,
        Settings = settings,
    };
}

[CollectionDefinition(Name)]
public sealed class HtmlRunCollection : ICollectionFixture<HtmlRunFixture>
{
    public const string Name = "html-run";
}
