using FaceMask.Data;

namespace FaceMask.Reporting;

/// <summary>What a command knows about its run beyond the experiment's results.</summary>
internal sealed record RunContext
{
    /// <summary>train, kfold or evaluate.</summary>
    public required string Verb { get; init; }

    /// <summary>The command line.</summary>
    public required string Command { get; init; }

    /// <summary>Start time (UTC).</summary>
    public DateTime StartedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>Wall time so far.</summary>
    public double WallSeconds { get; init; }

    /// <summary>The loaded data.</summary>
    public LoadedDataset? Data { get; init; }

    /// <summary>Hyper-parameters and other settings to record.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
