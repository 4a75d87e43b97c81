using FaceMask.Auditing;
using FaceMask.Protocols;

namespace FaceMask.Tests.Auditing;

/// <summary>Hand-made predictions and audit plans for the audit tests.</summary>
internal static class AuditPlans
{
    /// <summary><paramref name="agree"/> rows predicted right and <paramref name="disagree"/> predicted wrong, over classes a, b, c.</summary>
    public static PredictionRow[] Rows(int agree, int disagree)
    {
        var rows = new List<PredictionRow>();
        for (int i = 0; i < agree; i++)
        {
            rows.Add(new PredictionRow($"{"abc"[i % 3]}/agree{i:D3}.png", i % 3, i % 3, [1f, 0f, 0f]));
        }

        for (int i = 0; i < disagree; i++)
        {
            rows.Add(new PredictionRow($"{"abc"[i % 3]}/disagree{i:D3}.png", i % 3, (i + 1) % 3, [0f, 1f, 0f]));
        }

        return rows.ToArray();
    }

    /// <summary>
    /// Two classes; 90 images the model agrees with (confusion 50 a→a, 40 b→b), 10 it does not (6 a→b, 4 b→a).
    /// Drawn: items 1–4 agreements (a, a, b, b), item 5 a→b, item 6 b→a, item 7 an agreement (a).
    /// </summary>
    public static AuditPlan TwoClass(bool withSeventh = false)
    {
        var items = new List<AuditItem>
        {
            new(1, "a/1.png", "a", "a", AuditStratum.Agreement),
            new(2, "a/2.png", "a", "a", AuditStratum.Agreement),
            new(3, "b/3.png", "b", "b", AuditStratum.Agreement),
            new(4, "b/4.png", "b", "b", AuditStratum.Agreement),
            new(5, "a/5.png", "a", "b", AuditStratum.Disagreement),
            new(6, "b/6.png", "b", "a", AuditStratum.Disagreement),
        };
        if (withSeventh)
        {
            items.Add(new(7, "a/7.png", "a", "a", AuditStratum.Agreement));
        }

        return new AuditPlan
        {
            Run = "run",
            Labels = ["a", "b"],
            Populations = [new(AuditStratum.Agreement, 90, withSeventh ? 5 : 4), new(AuditStratum.Disagreement, 10, 2)],
            Confusion = [[50, 6], [4, 40]],
            Items = items,
        };
    }
}
