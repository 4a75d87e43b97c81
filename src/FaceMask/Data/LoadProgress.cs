namespace FaceMask.Data;

/// <summary>Progress of a dataset load or augmentation.</summary>
/// <param name="Done">Files handled so far.</param>
/// <param name="Total">Files to handle in all.</param>
/// <param name="FromCache">True when the files reported in this step came from the cache rather than being decoded.</param>
public sealed record LoadProgress(int Done, int Total, bool FromCache);
