using FaceMask.Inference;
using FaceMask.Video;
using Xunit;

namespace FaceMask.Tests.Video;

public sealed class KalmanBoxFilterTests
{
    [Fact]
    public void LearnsAConstantVelocityAndPredictsAhead()
    {
        // a 100 px box moving 6 px right and 2 px down per frame, measured every third frame
        var filter = new KalmanBoxFilter(new FaceBox(0, 0, 100, 100));
        for (int frame = 1; frame <= 60; frame++)
        {
            filter.Predict();
            if (frame % 3 == 0)
            {
                filter.Update(new FaceBox(6 * frame, 2 * frame, 100, 100));
            }
        }

        Assert.InRange(filter.CentreVelocity.X, 5.5, 6.5);
        Assert.InRange(filter.CentreVelocity.Y, 1.5, 2.5);
        for (int k = 0; k < 3; k++)
        {
            filter.Predict(); // coast three frames without a measurement
        }

        FaceBox predicted = filter.Box;
        Assert.InRange(predicted.X, (6 * 63) - 4, (6 * 63) + 4);
        Assert.InRange(predicted.Y, (2 * 63) - 4, (2 * 63) + 4);
        Assert.InRange(predicted.Width, 98, 102);
    }

    [Fact]
    public void AStillBoxStaysStillUnderNoise()
    {
        var random = new Random(3);
        var filter = new KalmanBoxFilter(new FaceBox(200, 100, 80, 80));
        for (int frame = 1; frame <= 90; frame++)
        {
            filter.Predict();
            filter.Update(new FaceBox(200 + (float)((random.NextDouble() - 0.5) * 6), 100 + (float)((random.NextDouble() - 0.5) * 6), 80, 80));
        }

        Assert.InRange(filter.Box.X, 197, 203);
        Assert.InRange(Math.Abs(filter.CentreVelocity.X), 0, 0.5);
    }

    [Fact]
    public void IoUOfKnownBoxes()
    {
        var a = new FaceBox(0, 0, 10, 10);
        Assert.Equal(1, BoxOverlap.IoU(a, a), 9);
        Assert.Equal(0, BoxOverlap.IoU(a, new FaceBox(10, 0, 10, 10)), 9);
        Assert.Equal(50.0 / 150.0, BoxOverlap.IoU(a, new FaceBox(5, 0, 10, 10)), 9); // half overlaps: 50 / (100 + 100 − 50)
        Assert.Equal(25.0 / 100.0, BoxOverlap.IoU(a, new FaceBox(0, 0, 5, 5)), 9);   // inside: 25 / 100
    }
}
