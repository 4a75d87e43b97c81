namespace FaceMask.Inference;

/// <summary>A caller's announcement of faces to come (<see cref="FaceBatcher.Announce"/>); disposing it more than once ends it once.</summary>
internal sealed class FaceBatchAnnouncement(Action end) : IDisposable
{
    private int disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            end();
        }
    }
}
