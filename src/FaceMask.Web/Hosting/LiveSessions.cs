using System.Collections.Concurrent;
using FaceMask.Video;
using FaceMask.Web.Api;

namespace FaceMask.Web.Hosting;

/// <summary>
/// The live camera sessions of the web app: each has its own tracker (<see cref="ILiveVideoSession"/>) and an id the
/// page sends with every frame. Sessions left without a frame for <see cref="FaceMaskWebOptions.LiveSessionIdleSeconds"/>
/// are dropped; at most <see cref="FaceMaskWebOptions.MaxLiveSessions"/> live at once.
/// </summary>
internal sealed class LiveSessions(IVideoAnalyzer? analyzer, FaceMaskWebOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (ILiveVideoSession Session, long LastUsed)> sessions = new(StringComparer.Ordinal);
    private readonly Lock creating = new();

    /// <summary>Sessions alive now.</summary>
    internal int Count => sessions.Count;

    /// <summary>Starts a session and returns its id.</summary>
    /// <exception cref="ApiException">501 without a video analyzer; 503 when the limit is reached.</exception>
    internal string Start()
    {
        if (analyzer is null)
        {
            throw new ApiException(501, "live video is not enabled on this server");
        }

        lock (creating)
        {
            DropIdle();
            if (sessions.Count >= options.MaxLiveSessions)
            {
                throw new ApiException(503, $"the server already follows {options.MaxLiveSessions} live cameras; try again when one has stopped");
            }

            string id = Guid.NewGuid().ToString("N");
            sessions[id] = (analyzer.StartLive(LiveVideoSession.DefaultFramesPerSecond), clock.GetTimestamp());
            return id;
        }
    }

    /// <summary>The session <paramref name="id"/>, marked as used now.</summary>
    /// <exception cref="ApiException">404 for an unknown or expired id.</exception>
    internal ILiveVideoSession Get(string id)
    {
        DropIdle();
        if (!sessions.TryGetValue(id, out var entry))
        {
            throw new ApiException(404, $"no such live session (sessions end after {options.LiveSessionIdleSeconds:0} s without a frame); start a new one");
        }

        sessions[id] = (entry.Session, clock.GetTimestamp());
        return entry.Session;
    }

    /// <summary>Ends a session; false when there was none.</summary>
    internal bool Stop(string id) => sessions.TryRemove(id, out _);

    private void DropIdle()
    {
        foreach (var (id, entry) in sessions)
        {
            if (clock.GetElapsedTime(entry.LastUsed).TotalSeconds > options.LiveSessionIdleSeconds)
            {
                sessions.TryRemove(id, out _);
            }
        }
    }
}
