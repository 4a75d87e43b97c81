using System.Text.Json;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Tests.Support;
using FaceMask.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using SkiaSharp;
using Xunit;
using static FaceMask.Tests.Web.ApiRequests;

namespace FaceMask.Tests.Web.Api;

/// <summary>The API with the real detector and classifier on the shared dataset's photos.</summary>
[Collection(RealAnalyzerCollection.Name)]
public sealed class RealPhotoApiTests(RealAnalyzerFixture real)
{
    [RealPhotoFact]
    public async Task EachPhoto_GetsAFaceWithALabelOfTheModel()
    {
        await using var app = await StartAsync();
        HttpClient client = app.GetTestClient();
        foreach (string path in RealPhotos.Paths())
        {
            byte[] bytes = File.ReadAllBytes(path);
            ImageHeader header = ImageHeader.Read(bytes, path);
            var (status, json) = await PostAsync(client, Form(bytes, Path.GetFileName(path)));
            Assert.True(status == 200, $"{path}: {status} {json}");
            Assert.Equal(header.Width, json.GetProperty("width").GetInt32());
            Assert.Equal(header.Height, json.GetProperty("height").GetInt32());
            Assert.Equal(real.Analyzer!.ModelId, json.GetProperty("model").GetProperty("id").GetString());
            Assert.False(json.GetProperty("wholeImage").GetBoolean(), $"{path}: no face found");
            foreach (JsonElement face in json.GetProperty("faces").EnumerateArray())
            {
                CheckFace(face, header.Width, header.Height);
            }
        }
    }

    [RealPhotoFact]
    public async Task GroupPhoto_GetsOneBoxPerPerson()
    {
        await using var app = await StartAsync();
        string[] photos = RealPhotos.Paths();
        byte[] group = GroupPhoto.Compose(photos, columns: 2);
        var (status, json) = await PostAsync(app.GetTestClient(), Form(group, "group.jpg"));
        Assert.True(status == 200, $"{status} {json}");
        Assert.False(json.GetProperty("wholeImage").GetBoolean());
        JsonElement[] faces = [.. json.GetProperty("faces").EnumerateArray()];
        int width = json.GetProperty("width").GetInt32();
        int height = json.GetProperty("height").GetInt32();
        var cells = new HashSet<(int, int)>();
        foreach (JsonElement face in faces)
        {
            CheckFace(face, width, height);
            JsonElement box = face.GetProperty("box");
            float cx = box.GetProperty("x").GetSingle() + (box.GetProperty("width").GetSingle() / 2);
            float cy = box.GetProperty("y").GetSingle() + (box.GetProperty("height").GetSingle() / 2);
            cells.Add(((int)((cx - GroupPhoto.Gap) / (GroupPhoto.Cell + GroupPhoto.Gap)), (int)((cy - GroupPhoto.Gap) / (GroupPhoto.Cell + GroupPhoto.Gap))));
        }

        Assert.True(cells.Count >= photos.Length - 1, $"faces found in {cells.Count} of {photos.Length} people: {json}");
        Assert.Equal(faces.Length, cells.Count);
    }

    [RealPhotoFact]
    public async Task ParallelRequests_GiveTheSameAnswersAsOneAtATime()
    {
        await using var app = await StartAsync();
        HttpClient client = app.GetTestClient();
        byte[][] photos = [.. RealPhotos.Paths().Select(File.ReadAllBytes)];
        var alone = new List<JsonElement>();
        foreach (byte[] photo in photos)
        {
            alone.Add((await PostAsync(client, Form(photo, "p.jpg"))).Json.GetProperty("faces").Clone());
        }

        var together = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
            (i % photos.Length, await PostAsync(client, Form(photos[i % photos.Length], "p.jpg")))));
        foreach (var (photo, (status, json)) in together)
        {
            Assert.Equal(200, status);
            AssertSameFaces(alone[photo], json.GetProperty("faces"));
        }
    }

    [RealPhotoFact]
    public async Task BatchedParallelRequests_GiveTheOneByOneAnswers()
    {
        using SKBitmap noise = TestImages.Noise(160, 120, 5); // no face: the whole photo is classified, through the batch too
        byte[][] photos = [.. RealPhotos.Paths().Select(File.ReadAllBytes), TestImages.Encode(noise, SKEncodedImageFormat.Jpeg)];
        var alone = new List<JsonElement>();
        await using (var unbatched = await StartAsync())
        {
            foreach (byte[] photo in photos)
            {
                alone.Add((await PostAsync(unbatched.GetTestClient(), Form(photo, "p.jpg"))).Json.GetProperty("faces").Clone());
            }
        }

        // As serve builds it: two model copies as batch workers, two face detectors, photos in analysis = 2 × batch size.
        // The long window makes the faces of the concurrent requests wait for each other.
        var batching = new FaceBatcherOptions { MaxBatchSize = 8, WindowMilliseconds = 1000 };
        BatchedPhotoAnalyzers set = BatchedPhotoAnalyzers.Open(real.ModelDirectory, null, batching, copies: 2);
        using var pool = new PhotoAnalyzerPool(set.Analyzers, exclusive: false, owner: set);
        var options = new FaceMaskWebOptions { MaxConcurrentAnalyses = 16, MaxBatchSize = 8, BatchWindowMilliseconds = 1000 };
        await using WebApplication app = FaceMaskWebApp.Build(pool, real.Model!, options, b => b.WebHost.UseTestServer());
        await app.StartAsync();
        HttpClient client = app.GetTestClient();
        var together = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
            (i % photos.Length, await PostAsync(client, Form(photos[i % photos.Length], "p.jpg")))));
        foreach (var (photo, (status, json)) in together)
        {
            Assert.True(status == 200, $"{status} {json}");
            AssertSameFaces(alone[photo], json.GetProperty("faces"));
            Assert.Equal(photo == photos.Length - 1, json.GetProperty("wholeImage").GetBoolean());
        }

        FaceBatcherStatistics statistics = set.Batcher.Statistics;
        Assert.Equal(together.Sum(t => t.Item2.Json.GetProperty("faces").GetArrayLength()), statistics.Faces);
        Assert.True(statistics.LargestBatch > 1, $"no faces were classified together: {statistics}");
    }

    // The same boxes and labels, and probabilities equal to float rounding: MKL may round the last bit differently
    // when it splits the work over another number of threads (an answer of another photo would differ by far more).
    private static void AssertSameFaces(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
        foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
        {
            Assert.Equal(e.GetProperty("box").GetRawText(), a.GetProperty("box").GetRawText());
            Assert.Equal(e.GetProperty("label").GetString(), a.GetProperty("label").GetString());
            foreach (JsonProperty p in e.GetProperty("probabilities").EnumerateObject())
            {
                Assert.Equal(p.Value.GetDouble(), a.GetProperty("probabilities").GetProperty(p.Name).GetDouble(), 1e-5);
            }
        }
    }

    private void CheckFace(JsonElement face, int width, int height)
    {
        var classes = real.Analyzer!.Classes;
        Assert.Contains(face.GetProperty("label").GetString(), classes);
        var probabilities = face.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(classes.Order(), probabilities.Keys.Order());
        Assert.Equal(1.0, probabilities.Values.Sum(), 3);
        Assert.Equal(probabilities.MaxBy(p => p.Value).Key, face.GetProperty("label").GetString());
        double score = face.GetProperty("detectorScore").GetDouble();
        Assert.InRange(score, 0.01, 1.0);
        JsonElement box = face.GetProperty("box");
        float x = box.GetProperty("x").GetSingle();
        float y = box.GetProperty("y").GetSingle();
        float w = box.GetProperty("width").GetSingle();
        float h = box.GetProperty("height").GetSingle();
        Assert.True(w > 8 && h > 8 && x > -w / 2 && y > -h / 2 && x + w < width + (w / 2) && y + h < height + (h / 2), $"box {box} in {width}x{height}");
    }

    private async Task<WebApplication> StartAsync()
    {
        WebApplication app = FaceMaskWebApp.Build(real.Analyzer!, real.Model!, configure: b => b.WebHost.UseTestServer());
        await app.StartAsync();
        return app;
    }
}
