using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Detection;

/// <summary>Detection on a real photo: skimage's astronaut.png (Eileen Collins, 512×512, public domain), one face near (225, 125).</summary>
public sealed class AstronautTests
{
    [AstronautFact]
    public void FrontModelFindsExactlyTheOneFace() => AssertOneFace(BlazeFaceModel.Front);

    [AstronautFact]
    public void BackModelFindsExactlyTheOneFace() => AssertOneFace(BlazeFaceModel.Back);

    [AstronautFact]
    public void AnalyzerClassifiesTheDetectedFace()
    {
        using var temp = new Support.TempDirectory();
        using var analyzer = PhotoAnalyzer.Open(DetectionFixture.SaveTinyModel(temp["model"]));
        PhotoAnalysis analysis = analyzer.Analyze(File.ReadAllBytes(DetectionFixture.AstronautPath!), "astronaut.png");
        Assert.False(analysis.WholeImage);
        Assert.Equal((512, 512), (analysis.Width, analysis.Height));
        FaceResult face = Assert.Single(analysis.Faces);
        Assert.NotNull(face.DetectorScore);
        Assert.Contains(face.Label, analyzer.Classes);
        Assert.Equal(1f, face.Probabilities.Values.Sum(), 3);
    }

    [AstronautFact]
    public void MaxFacesKeepsTheBestScoredFaces()
    {
        using var temp = new Support.TempDirectory();
        using var photo = DetectionFixture.Decode(DetectionFixture.AstronautPath!);
        using var canvas = new SKBitmap(new SKImageInfo(1024, 512, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var draw = new SKCanvas(canvas))
        using (SKImage image = SKImage.FromBitmap(photo))
        {
            draw.Clear(SKColors.Gray);
            draw.DrawImage(image, SKRect.Create(0, 0, 512, 512), new SKSamplingOptions(SKCubicResampler.Mitchell));
            draw.DrawImage(image, SKRect.Create(600, 100, 300, 300), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        string model = DetectionFixture.SaveTinyModel(temp["model"]);
        using var all = PhotoAnalyzer.Open(model);
        using var one = PhotoAnalyzer.Open(model, new PhotoAnalyzerOptions { MaxFaces = 1 });
        PhotoAnalysis every = all.Analyze(canvas);
        Assert.True(every.Faces.Count >= 2, $"{every.Faces.Count} face(s) found on the two-astronaut canvas");
        FaceResult best = every.Faces.MaxBy(f => f.DetectorScore!.Value)!;
        FaceResult kept = Assert.Single(one.Analyze(canvas).Faces);
        Assert.Equal(best.Box, kept.Box);
        Assert.Equal(best.Probabilities, kept.Probabilities);
        Assert.Throws<FaceMaskException>(() => new PhotoAnalyzerOptions { MaxFaces = 0 }.Validate());
    }

    private static void AssertOneFace(BlazeFaceModel model)
    {
        using var detector = new FaceDetector(new FaceDetectorOptions { Model = model });
        using var photo = DetectionFixture.Decode(DetectionFixture.AstronautPath!);
        DetectedFace face = Assert.Single(detector.Detect(photo));

        // hand-measured on the photo: the face (brow to chin, ear to ear) spans about x 180–270, y 75–175
        float centerX = face.Box.X + (face.Box.Width / 2);
        float centerY = face.Box.Y + (face.Box.Height / 2);
        Assert.InRange(centerX, 205, 245);
        Assert.InRange(centerY, 105, 150);
        Assert.InRange(face.Box.Width, 70, 130);
        Assert.InRange(face.Box.Height, 70, 130);
        Assert.InRange(face.Score, 0.75f, 1f);

        // both eyes inside the box, the person's right eye (image left) left of the left eye, the nose below the eyes
        Assert.All(face.Keypoints.Take(3), p => Assert.True(p.X > face.Box.X && p.X < face.Box.X + face.Box.Width && p.Y > face.Box.Y && p.Y < face.Box.Y + face.Box.Height, $"{p} outside {face.Box}"));
        Assert.True(face.Keypoints[0].X < face.Keypoints[1].X);
        Assert.True(face.Keypoints[2].Y > face.Keypoints[0].Y);
    }
}
