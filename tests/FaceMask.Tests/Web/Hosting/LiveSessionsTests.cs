using FaceMask.Video;
using FaceMask.Web.Api;
using FaceMask.Web.Hosting;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Web.Hosting;

public sealed class LiveSessionsTests
{
    [Fact]
    public void IdleSessionsAreDroppedAndMakeRoom()
    {
        var clock = new ManualClock();
        var sessions = new LiveSessions(new CountingVideoAnalyzer(), new FaceMaskWebOptions { MaxLiveSessions = 2, LiveSessionIdleSeconds = 60 }, clock);
        string first = sessions.Start();
        clock.Advance(TimeSpan.FromSeconds(40));
        string second = sessions.Start();
        Assert.Equal(503, Assert.Throws<ApiException>(() => sessions.Start()).Status);

        clock.Advance(TimeSpan.FromSeconds(30)); // the first has been idle 70 s, the second 30 s
        _ = sessions.Get(second);
        Assert.Equal(404, Assert.Throws<ApiException>(() => sessions.Get(first)).Status);
        string third = sessions.Start();
        Assert.Equal(2, sessions.Count);

        clock.Advance(TimeSpan.FromSeconds(59)); // a frame keeps a session alive
        _ = sessions.Get(second);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(sessions.Get(second));
        Assert.Equal(404, Assert.Throws<ApiException>(() => sessions.Get(third)).Status);
        Assert.True(sessions.Stop(second));
        Assert.False(sessions.Stop(second));
    }

    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }

    private sealed class CountingVideoAnalyzer : IVideoAnalyzer
    {
        public IReadOnlyList<string> Classes { get; } = ["a"];

        public string ModelId => "fake";

        public VideoAnalysis Analyze(string path, IProgress<VideoProgress>? progress = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ILiveVideoSession StartLive(double framesPerSecond) => new NoSession();
    }

    private sealed class NoSession : ILiveVideoSession
    {
        public int Frames => 0;

        public LiveFrame Step(SKBitmap frame, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
