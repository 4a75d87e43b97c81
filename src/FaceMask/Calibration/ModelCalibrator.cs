using System.Globalization;
using System.Text.Json;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Reporting;

namespace FaceMask.Calibration;

/// <summary>
/// <c>facemask calibrate</c>: fits the temperature and the unsure threshold of a model on a run's held-out predictions
/// and writes a calibrated copy of the model folder. The copy has the same files byte for byte (weights, and their
/// SHA-256 in model.json, unchanged) except model.json, which gains the <c>calibration</c> section, and a generated
/// model card, which gains a section describing it.
/// </summary>
public static class ModelCalibrator
{
    /// <summary>Fits on <paramref name="runDirectory"/>'s <c>predictions.csv</c> and writes the calibrated copy of <paramref name="modelDirectory"/>.</summary>
    /// <param name="modelDirectory">The model folder (holds model.json); its classes must be the run's.</param>
    /// <param name="runDirectory">A run folder with <c>predictions.csv</c> (train with a test split, kfold or evaluate); its probabilities are taken as the network's own (uncalibrated).</param>
    /// <param name="outDirectory">The folder to write; refused when it is the model folder, lies inside it or holds it, and when it exists and is not empty unless <paramref name="overwrite"/>.</param>
    /// <param name="targetAccuracy">The accuracy on answered images the unsure threshold is chosen for, in (0, 1].</param>
    /// <param name="overwrite">Replace an existing, non-empty <paramref name="outDirectory"/>.</param>
    /// <param name="priorCorrection">
    /// Strength τ of a prior correction to store (0: none; 1: as if every class had been equally common in training,
    /// <see cref="PriorCorrection"/>). The temperature and threshold are then fitted on the corrected held-out
    /// predictions, each k-fold prediction corrected with its own fold's training shares.
    /// </param>
    /// <param name="trainingCounts">
    /// The model's training images per class, for a prior correction of a model whose model.json does not record them
    /// (<see cref="ModelManifest.TrainingCounts"/>); ignored without a correction.
    /// </param>
    /// <exception cref="FaceMaskException">A folder or file is missing or does not fit; the message names it.</exception>
    public static CalibratedModel Calibrate(
        string modelDirectory,
        string runDirectory,
        string outDirectory,
        double targetAccuracy = CalibrationAnalyzer.DefaultTargetAccuracy,
        bool overwrite = false,
        double priorCorrection = 0,
        IReadOnlyDictionary<string, int>? trainingCounts = null)
    {
        ArgumentNullException.ThrowIfNull(modelDirectory);
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(outDirectory);
        CalibrationAnalyzer.ValidateTarget(targetAccuracy);
        if (!double.IsFinite(priorCorrection) || priorCorrection < 0)
        {
            throw new FaceMaskException($"prior correction {priorCorrection}: must be 0 (none) or more, e.g. 1");
        }

        string source = Full(modelDirectory);
        string target = Full(outDirectory);
        CheckFolders(source, target, outDirectory, overwrite);

        var manifest = ModelStore.ReadManifest(source);
        string weights = Path.Combine(source, manifest.WeightsFile);
        if (!File.Exists(weights))
        {
            throw new FaceMaskException($"{weights}: the model's weights file is missing");
        }

        if (manifest.WeightsSha256 is { } sha && !string.Equals(sha, ModelStore.Sha256(weights), StringComparison.OrdinalIgnoreCase))
        {
            throw new FaceMaskException($"{weights}: weights file is truncated or corrupt (checksum differs from model.json)");
        }

        string run = Full(runDirectory);
        string csv = Path.Combine(runDirectory, PredictionsCsvReader.FileName);
        var (labels, rows) = PredictionsCsvReader.Read(runDirectory);
        if (!labels.SequenceEqual(manifest.Classes, StringComparer.Ordinal))
        {
            throw new FaceMaskException($"{csv}: its classes ({string.Join(", ", labels)}) are not the model's ({string.Join(", ", manifest.Classes)}, in {Path.Combine(modelDirectory, ModelStore.ManifestFile)})");
        }

        if (!rows.Any(r => r.Truth >= 0))
        {
            throw new FaceMaskException($"{csv}: no prediction has a true class; calibration needs a run on a labelled folder (train with a test split, kfold or evaluate)");
        }

        RunReport? runReport = File.Exists(Path.Combine(runDirectory, "report.json")) ? ReportJson.Read(runDirectory) : null;
        var notes = Notes(manifest, runReport, modelDirectory);
        IReadOnlyList<PredictionRow> network = NetworkOwn(rows, labels, runReport, notes);
        double[]? shares = priorCorrection > 0 ? ModelShares(manifest, trainingCounts, modelDirectory) : null;
        PriorCorrectionEffect? effect = null;
        if (shares is not null)
        {
            (network, effect) = HeldOutPriorCorrection.Apply(network.Where(r => r.Truth >= 0).ToArray(), labels, shares, priorCorrection);
        }

        var report = CalibrationAnalyzer.Analyze(network, targetAccuracy);
        var calibration = Settings(report, run, runReport) with
        {
            PriorCorrection = shares is null ? 0 : priorCorrection,
            ClassShares = shares?.Select((v, i) => (c: labels[i], v)).ToDictionary(x => x.c, x => x.v),
        };
        var calibrated = manifest with { Calibration = calibration };
        bool cardUpdated = Write(source, target, calibrated, notes);
        return new CalibratedModel
        {
            Directory = target,
            Manifest = calibrated,
            Report = report,
            ModelCardUpdated = cardUpdated,
            Notes = notes,
            PriorCorrection = effect,
        };
    }

    // The run's predictions as its networks gave them: a run made with a prior-corrected model (evaluate, bias) holds
    // corrected probabilities, which are turned back with that model's shares and strength.
    private static IReadOnlyList<PredictionRow> NetworkOwn(IReadOnlyList<PredictionRow> rows, IReadOnlyList<string> labels, RunReport? runReport, List<string> notes)
    {
        if (runReport?.Model?.Calibration is not { PriorCorrection: > 0 } applied || applied.SharesFor(labels) is not { } shares)
        {
            return rows;
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"the run's model applied a prior correction (strength {applied.PriorCorrection:0.###}); its predictions were turned back into the network's own before fitting"));
        return rows.Select(r => r.WithProbabilities(PriorCorrection.Undo(r.Probabilities, shares, applied.PriorCorrection))).ToArray();
    }

    // The calibrated model's training class shares: from its model.json, else from the counts the caller gives.
    private static double[] ModelShares(ModelManifest manifest, IReadOnlyDictionary<string, int>? trainingCounts, string modelDirectory)
    {
        var counts = manifest.TrainingCounts ?? trainingCounts
            ?? throw new FaceMaskException($"{Path.Combine(modelDirectory, ModelStore.ManifestFile)}: does not record the model's training images per class (training_counts; saved before they were recorded), which a prior correction divides out; give the folder it was trained on (--training-data DIR)");
        var missing = manifest.Classes.Where(c => !counts.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new FaceMaskException($"{Path.Combine(modelDirectory, ModelStore.ManifestFile)}: the training counts have no images of {string.Join(", ", missing)}");
        }

        return PriorCorrection.Shares(manifest.Classes.Select(c => counts[c]).ToArray(), manifest.Classes);
    }

    /// <summary>
    /// The <c>calibration</c> section for a model from an analysis: the temperature fitted on all the predictions and,
    /// when the target was reachable, the threshold with its coverage and answered accuracy; otherwise no threshold
    /// (never unsure) with the accuracy on all the predictions.
    /// </summary>
    /// <param name="report">The analysis.</param>
    /// <param name="fittedOn">What it was fitted on, for the record.</param>
    public static CalibrationSettings Settings(CalibrationReport report, string fittedOn)
    {
        ArgumentNullException.ThrowIfNull(report);
        bool reached = report.UnsureBelow is not null;
        return new CalibrationSettings
        {
            Temperature = report.Temperature,
            UnsureBelow = report.UnsureBelow ?? 0,
            TargetAccuracy = reached ? report.TargetAccuracy : null,
            AnsweredAccuracy = reached ? report.AnsweredAccuracy : report.Accuracy,
            Coverage = reached ? report.Coverage : 1,
            FittedOn = fittedOn,
        };
    }

    private static CalibrationSettings Settings(CalibrationReport report, string run, RunReport? runReport)
    {
        string protocol = runReport is null ? "predictions.csv without report.json" : RunProtocol.Describe(runReport);
        string honesty = report.CrossFitted ? ", threshold chosen on cross-fitted probabilities" : string.Empty;
        return Settings(report, string.Create(CultureInfo.InvariantCulture, $"{run} ({protocol}; {report.N} labelled held-out predictions{honesty})"));
    }

    private static List<string> Notes(ModelManifest manifest, RunReport? runReport, string modelDirectory)
    {
        var notes = new List<string>();
        if (manifest.Calibration is { } earlier)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{modelDirectory} was already calibrated (T = {earlier.Temperature:0.000}); the copy gets the new calibration instead"));
        }

        if (runReport?.Model?.Calibration is not null)
        {
            notes.Add("the run's model was calibrated; its predictions.csv is taken to hold the network's own probabilities before any temperature, as train, kfold and evaluate write them");
        }

        if (runReport?.Model?.WeightsSha256 is { } runSha && manifest.WeightsSha256 is { } sha && !string.Equals(runSha, sha, StringComparison.OrdinalIgnoreCase))
        {
            notes.Add("the run's predictions were made by a model with other weights: the temperature fits that model (or training procedure), which is right for this one only if it was trained the same way");
        }

        return notes;
    }

    private static void CheckFolders(string source, string target, string outDirectory, bool overwrite)
    {
        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new FaceMaskException($"{outDirectory}: the calibrated copy must go to another folder than the model itself");
        }

        if (target.StartsWith(source + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new FaceMaskException($"{outDirectory}: the calibrated copy cannot go inside the model folder {source}");
        }

        if (source.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new FaceMaskException($"{outDirectory}: holds the model folder {source}; choose another --out");
        }

        if (File.Exists(target))
        {
            throw new FaceMaskException($"{outDirectory}: a file is in the way of the output folder");
        }

        if (!overwrite && Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new FaceMaskException($"{outDirectory}: the folder exists and is not empty; choose another --out or pass --overwrite");
        }
    }

    // Copies the model folder into a temporary sibling of the target, writes the new manifest (and card), checks the
    // copy, then renames it into place. Returns whether the model card was updated.
    private static bool Write(string source, string target, ModelManifest manifest, List<string> notes)
    {
        string parent = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            Copy(source, temp);
            File.WriteAllText(Path.Combine(temp, ModelStore.ManifestFile), JsonSerializer.Serialize(manifest, ModelStore.JsonOptions));
            bool cardUpdated = false;
            string card = Path.Combine(temp, ModelCardWriter.FileName);
            if (File.Exists(card))
            {
                if (ModelCardWriter.IsGenerated(card))
                {
                    File.WriteAllText(card, ModelCardWriter.AddCalibration(File.ReadAllText(card), manifest.Calibration!));
                    cardUpdated = true;
                }
                else
                {
                    notes.Add($"{ModelCardWriter.FileName} was edited by hand: copied unchanged, so it does not mention the calibration");
                }
            }

            var written = ModelStore.ReadManifest(temp);
            if (written.WeightsSha256 is { } sha && !string.Equals(sha, ModelStore.Sha256(Path.Combine(temp, written.WeightsFile)), StringComparison.OrdinalIgnoreCase))
            {
                throw new FaceMaskException($"{target}: the copied weights differ from the model's; nothing was written");
            }

            ModelStore.MoveIntoPlace(temp, target);

            return cardUpdated;
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string dir in Directory.GetDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
