using System.Net.Sockets;
using System.Text;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;
using static FaceMask.Tests.Web.ApiRequests;

namespace FaceMask.Tests.Web.Hosting;

/// <summary>The app on real Kestrel over loopback: the size limits answer with JSON, not a reset connection.</summary>
public sealed class LoopbackTests
{
    [Fact]
    public async Task ElevenMegabytes_Gets413Json_AndTheConnectionStaysUsable()
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.LoopbackAsync(analyzer);
        byte[] big = ElevenMegabytes();

        var (status, json) = await PostAsync(host.Client, Form(big, "big.jpg"));
        Assert.Equal(413, status);
        Assert.Contains("too large", ErrorMessage(json, 413), StringComparison.Ordinal);
        (status, json) = await PostAsync(host.Client, Raw(big, "image/jpeg"));
        Assert.Equal(413, status);

        var (ok, answer) = await PostAsync(host.Client, Form(TestImages.Jpeg(40, 40, new SKColor(0, 0, 240)), "blue.jpg"));
        Assert.Equal(200, ok);
        Assert.Equal("blue_mask", answer.GetProperty("faces")[0].GetProperty("label").GetString());
        Assert.Equal(1, analyzer.Calls);
    }

    [Fact]
    public async Task BodyDeclaredOverKestrelsLimit_Gets413BeforeItIsSent()
    {
        await using var host = await WebHost.LoopbackAsync(new FakePhotoAnalyzer());
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.Address.Host, host.Address.Port);
        using NetworkStream stream = tcp.GetStream();
        string head = $"POST /{Predict} HTTP/1.1\r\nHost: {host.Address.Authority}\r\nContent-Type: image/jpeg\r\nContent-Length: {40 * 1024 * 1024}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        stream.ReadTimeout = 10_000;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("Connection: close", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("{\"error\":{\"status\":413,", answer, StringComparison.Ordinal);
    }
}
