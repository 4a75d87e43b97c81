using TorchSharp.Modules;

namespace FaceMask.Training;

/// <summary>
/// A network built from pretrained layers plus new, randomly initialised ones (e.g. a classifier on a pretrained
/// backbone). <see cref="Trainer"/> can give the new layers a higher learning rate
/// (<see cref="TrainingOptions.NewLayersRateFactor"/>).
/// </summary>
internal interface IPretrainedNetwork
{
    /// <summary>The parameters of the layers that were initialised at random rather than pretrained.</summary>
    IEnumerable<Parameter> NewParameters();
}
