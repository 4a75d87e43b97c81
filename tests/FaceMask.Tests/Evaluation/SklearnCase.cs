using System.Text.Json;

namespace FaceMask.Tests.Evaluation;

/// <summary>
/// One case of expected metrics computed by scikit-learn (see Fixtures/make_sklearn_fixtures.py, which
/// calls precision_recall_fscore_support, accuracy_score, confusion_matrix and classification_report with
/// labels=range(len(labels)), target_names=labels and zero_division=0).
/// </summary>
internal sealed record SklearnCase(
    string Name,
    int[] Truth,
    int[] Pred,
    string[] Labels,
    double[] Precision,
    double[] Recall,
    double[] F1,
    int[] Support,
    double[] Macro,
    double[] Weighted,
    double Accuracy,
    int[][] Confusion,
    string ReportDigits2,
    string ReportDigits4)
{
    public static SklearnCase Parse(JsonElement e)
    {
        JsonElement perClass = e.GetProperty("per_class");
        return new SklearnCase(
            e.GetProperty("name").GetString()!,
            Ints(e.GetProperty("truth")),
            Ints(e.GetProperty("pred")),
            e.GetProperty("labels").EnumerateArray().Select(x => x.GetString()!).ToArray(),
            Doubles(perClass.GetProperty("precision")),
            Doubles(perClass.GetProperty("recall")),
            Doubles(perClass.GetProperty("f1")),
            Ints(perClass.GetProperty("support")),
            Averages(e.GetProperty("macro")),
            Averages(e.GetProperty("weighted")),
            e.GetProperty("accuracy").GetDouble(),
            e.GetProperty("confusion_matrix").EnumerateArray().Select(Ints).ToArray(),
            e.GetProperty("report_digits2").GetString()!,
            e.GetProperty("report_digits4").GetString()!);
    }

    private static int[] Ints(JsonElement a) => a.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    private static double[] Doubles(JsonElement a) => a.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    private static double[] Averages(JsonElement a) =>
        [a.GetProperty("precision").GetDouble(), a.GetProperty("recall").GetDouble(), a.GetProperty("f1").GetDouble()];
}
