namespace FaceMask.Inference;

/// <summary>What a <see cref="FaceBatcher"/> has done so far.</summary>
/// <param name="Batches">Network passes run.</param>
/// <param name="Faces">Faces classified.</param>
/// <param name="LargestBatch">Most faces in one pass.</param>
public sealed record FaceBatcherStatistics(long Batches, long Faces, int LargestBatch)
{
    /// <summary>Faces per pass on average (0 before the first).</summary>
    public double MeanBatchSize => Batches == 0 ? 0 : (double)Faces / Batches;
}
