using FaceMask.Models;
using FaceMask.Runtime;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;
using static TorchSharp.torch;

namespace FaceMask.Tests.Training;

public sealed class TensorSetTests
{
    private const int Size = 8;
    private const int Per = 3 * Size * Size;

    private static (byte[] Pixels, int[] Labels) Data() => SyntheticPixels.Make(classes: 3, perClass: 10, size: Size, seed: 3, learnable: true);

    [Fact]
    public void RawSetGivesTheImagesAtItsIndicesInTheOrderAsked()
    {
        var (pixels, labels) = Data();
        int[] indices = [7, 2, 29, 11, 0];
        using var set = TensorSet.FromRawPixels(pixels, labels, Size, indices);

        Assert.Equal(indices.Select(i => (long)labels[i]).ToArray(), set.Labels.data<long>().ToArray());
        using var taken = set.Take([3, 0, 4]);
        Assert.Equal(ScalarType.Byte, taken.dtype);
        Assert.Equal(new long[] { 3, 3, Size, Size }, taken.shape);
        byte[] expected = new[] { 11, 7, 0 }.SelectMany(i => pixels.AsSpan(i * Per, Per).ToArray()).ToArray();
        Assert.Equal(expected, taken.data<byte>().ToArray());

        using var slice = set.Slice(1, 3);
        byte[] range = new[] { 2, 29, 11 }.SelectMany(i => pixels.AsSpan(i * Per, Per).ToArray()).ToArray();
        Assert.Equal(range, slice.data<byte>().ToArray());
    }

    [Fact]
    public void RawSetHoldsNoCopyOfTheImages()
    {
        var (pixels, labels) = Data();
        using var set = TensorSet.FromRawPixels(pixels, labels, Size, [4, 5]);
        pixels[5 * Per] = 201;
        using var slice = set.Slice(1, 1);
        Assert.Equal(201, slice.data<byte>()[0]);
    }

    [Fact]
    public void RawSetRefusesIndicesOutsideThePixels()
    {
        var (pixels, labels) = Data();
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorSet.FromRawPixels(pixels, labels, Size, [0, 30]));
        using var set = TensorSet.FromRawPixels(pixels, labels, Size, [0, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Slice(1, 2));
    }

    [Fact]
    public void InMemorySetTakesTheSameRowsAsIndexSelect()
    {
        var (pixels, labels) = Data();
        int[] indices = Enumerable.Range(0, 30).ToArray();
        using var set = TensorSet.FromPixels(pixels, labels, Size, indices, Normalization.Half);
        using var all = set.Slice(0, 30);
        using var taken = set.Take([9, 2]);
        using var index = tensor(new long[] { 9, 2 });
        using var expected = all.index_select(0, index);
        Assert.Equal(expected.data<float>().ToArray(), taken.data<float>().ToArray());
    }

    [Fact]
    public void TrainingOnStreamedRawImagesEqualsTrainingOnNormalisedImagesInMemory()
    {
        var (pixels, labels) = SyntheticPixels.Make(classes: 3, perClass: 20, size: 16, seed: 4, learnable: true);
        int[] indices = Enumerable.Range(0, labels.Length).ToArray();
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, Seed = 5, Threads = 1, Augment = true };
        using var raw = TensorSet.FromRawPixels(pixels, labels, 16, indices);
        using var normalised = TensorSet.FromPixels(pixels, labels, 16, indices, Normalization.Half);

        var streamed = Train(options, raw);
        Assert.Equal(2, streamed.Count);
        var inMemory = Train(options, normalised);

        Assert.Equal(inMemory.Select(e => e.Loss), streamed.Select(e => e.Loss));
        Assert.Equal(inMemory.Select(e => e.Accuracy), streamed.Select(e => e.Accuracy));
    }

    private static IReadOnlyList<EpochResult> Train(TrainingOptions options, TensorSet set)
    {
        TorchRuntime.Configure(options.Threads, options.Seed);
        using var net = ModelArchitectures.Create("seed5", 3, 16);
        return new Trainer(options, Normalization.Half).Train(net, set).History;
    }
}
