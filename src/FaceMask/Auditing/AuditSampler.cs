using FaceMask.Evaluation;
using FaceMask.Protocols;

namespace FaceMask.Auditing;

/// <summary>
/// Draws a label audit's sample from a run's labelled predictions: a seeded simple random sample without
/// replacement from each stratum (model agrees with the label / disagrees), then one shuffled order for the sheets,
/// so the reviewer cannot tell the strata apart.
/// </summary>
internal static class AuditSampler
{
    /// <summary>Draws the sample.</summary>
    /// <param name="rows">The run's predictions (every row must have a label).</param>
    /// <param name="labels">The classes, in the run's order.</param>
    /// <param name="options">Sample sizes and seed.</param>
    /// <param name="run">The run folder, recorded in the plan.</param>
    /// <param name="dataRoot">The dataset root, recorded in the plan.</param>
    /// <exception cref="FaceMaskException">No rows, or rows without a label.</exception>
    public static AuditPlan Draw(IReadOnlyList<PredictionRow> rows, IReadOnlyList<string> labels, AuditSampleOptions options, string run, string? dataRoot)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (rows.Count == 0)
        {
            throw new FaceMaskException($"{run}: the run has no predictions to audit");
        }

        if (rows.FirstOrDefault(r => r.Truth < 0) is { } unlabelled)
        {
            throw new FaceMaskException($"{run}: '{unlabelled.Path}' has no label; an audit needs a run on a labelled dataset (train, kfold or evaluate)");
        }

        var random = new SeededRandom(options.Seed);
        var agreeing = rows.Where(r => r.Truth == r.Predicted).ToArray();
        var disagreeing = rows.Where(r => r.Truth != r.Predicted).ToArray();
        var agree = Draw(agreeing, options.Agreements, random);
        var disagree = Draw(disagreeing, options.Disagreements, random);
        var drawn = agree.Concat(disagree).ToArray();
        random.Shuffle(drawn.AsSpan());
        var items = drawn.Select((r, i) => new AuditItem(
            i + 1,
            r.Path,
            labels[r.Truth],
            labels[r.Predicted],
            r.Truth == r.Predicted ? AuditStratum.Agreement : AuditStratum.Disagreement)).ToArray();

        var confusion = new int[labels.Count][];
        for (int c = 0; c < labels.Count; c++)
        {
            confusion[c] = new int[labels.Count];
        }

        foreach (var r in rows)
        {
            confusion[r.Truth][r.Predicted]++;
        }

        return new AuditPlan
        {
            Run = run,
            DataRoot = dataRoot,
            Labels = labels.ToArray(),
            Seed = options.Seed,
            Populations =
            [
                new AuditPopulation(AuditStratum.Agreement, agreeing.Length, agree.Length),
                new AuditPopulation(AuditStratum.Disagreement, disagreeing.Length, disagree.Length),
            ],
            Confusion = confusion,
            Items = items,
        };
    }

    // A simple random sample of `count` rows (all when there are fewer), in their original order.
    private static PredictionRow[] Draw(PredictionRow[] stratum, int count, SeededRandom random)
    {
        if (count >= stratum.Length)
        {
            return stratum;
        }

        var order = Enumerable.Range(0, stratum.Length).ToArray();
        random.Shuffle(order.AsSpan());
        return order[..count].Order().Select(i => stratum[i]).ToArray();
    }
}
