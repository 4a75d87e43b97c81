using FaceMask.Data;

namespace FaceMask.Features;

/// <summary>The backbone features of a dataset loaded with <see cref="DatasetLoadOptions.Backbone"/> set (<see cref="DatasetLoader"/>).</summary>
public static class LoadedDatasetFeatures
{
    /// <summary>The backbone features of a loaded dataset.</summary>
    /// <param name="data">The loaded dataset.</param>
    extension(LoadedDataset data)
    {
        /// <summary>Backbone features of each image (image and mirror), or null for a dataset of pixels.</summary>
        public FeatureMatrix? Features => data.Payload as FeatureMatrix;
    }
}
