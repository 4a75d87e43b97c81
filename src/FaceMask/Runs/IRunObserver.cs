using FaceMask.Bias;
using FaceMask.Data;
using FaceMask.Protocols;
using FaceMask.Reporting;
using FaceMask.Training;

namespace FaceMask.Runs;

/// <summary>
/// What a <see cref="RunPipeline"/> run tells while it works, in the order it happens: loading, balancing, training
/// (through an <see cref="IProgress{T}"/>), the recorded report, flagged labels and the bias analysis. Every member
/// has a default that does nothing, so an observer implements only what it shows. Called on the caller's thread,
/// except <see cref="IProgress{T}.Report"/> of the loading progress, which may come from several threads.
/// </summary>
public interface IRunObserver
{
    /// <summary>Loading starts with <paramref name="options"/>; returns where the per-file progress goes, or null.</summary>
    IProgress<LoadProgress>? Loading(DatasetLoadOptions options) => null;

    /// <summary>The dataset is loaded, after <paramref name="elapsed"/>.</summary>
    void Loaded(LoadedDataset data, TimeSpan elapsed)
    {
    }

    /// <summary>Files of a folder layout that could not be evaluated.</summary>
    void Skipped(IReadOnlyList<SkippedFile> skipped)
    {
    }

    /// <summary>The loss weights of group × class balancing, before training.</summary>
    void Balanced(GroupBalance balance)
    {
    }

    /// <summary><paramref name="images"/> images have no row in the groups file <paramref name="groupsFile"/>; each is its own group.</summary>
    void GroupsMissing(int images, string groupsFile)
    {
    }

    /// <summary>Runs the training <paramref name="work"/> (titled "training" or "k-fold"), giving it where its progress goes.</summary>
    T Training<T>(string title, Func<IProgress<TrainingProgress>?, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work(null);
    }

    /// <summary>The run's files are written into <paramref name="runDirectory"/>; <paramref name="result"/> is disposed after the run.</summary>
    void Recorded(RunReport report, ExperimentResult result, string runDirectory)
    {
    }

    /// <summary>Label cleaning left the training rows of <paramref name="result"/> out; they are written to <paramref name="path"/>.</summary>
    void LabelsFlagged(ExperimentResult result, string path)
    {
    }

    /// <summary>The bias analysis is written into <paramref name="runDirectory"/>.</summary>
    void BiasWritten(BiasReport report, string runDirectory)
    {
    }
}
