using FaceMask.Cli.Settings;
using FaceMask.Data;
using FaceMask.Detection;
using Xunit;

namespace FaceMask.Tests.Cli.Settings;

/// <summary>detect and serve crop faces as a face-crop model was trained, unless an option says otherwise.</summary>
public sealed class FaceFindingSettingsTests
{
    private static readonly FaceCropSettings ModelCrop = new("back", 0.6f, 0.4f);

    [Fact]
    public void WithoutOptionsAFaceCropModelsSettingsApply()
    {
        PhotoAnalyzerOptions options = new FaceFindingSettings().AnalyzerOptions(ModelCrop);
        Assert.Equal(BlazeFaceModel.Back, options.Detector.Model);
        Assert.Equal(0.6f, options.Detector.Threshold);
        Assert.Equal(0.4f, options.Margin);
        Assert.Equal(1, options.Detector.IntraOpThreads);
    }

    [Fact]
    public void GivenOptionsWinOverTheModels()
    {
        PhotoAnalyzerOptions options = new FaceFindingSettings { Margin = 0.1f, Detector = "front" }.AnalyzerOptions(ModelCrop);
        Assert.Equal(BlazeFaceModel.Front, options.Detector.Model);
        Assert.Equal(0.6f, options.Detector.Threshold);
        Assert.Equal(0.1f, options.Margin);
    }

    [Fact]
    public void AWholeImageModelGetsTheDefaults()
    {
        PhotoAnalyzerOptions options = new FaceFindingSettings().AnalyzerOptions(modelCrop: null);
        Assert.Equal(BlazeFaceModel.Front, options.Detector.Model);
        Assert.Equal(FaceDetectorOptions.DefaultThreshold, options.Detector.Threshold);
        Assert.Equal(FaceCrop.DefaultMargin, options.Margin);
        Assert.Throws<FaceMaskException>(() => new FaceFindingSettings { Detector = "sideways" }.AnalyzerOptions(null));
    }
}
