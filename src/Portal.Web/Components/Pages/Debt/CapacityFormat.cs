using System.Globalization;
using MudBlazor;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Queries;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>How the capacity page words a team's standing, its allocation and the heat map's shading.</summary>
public static class CapacityFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Percent(double value) => value.ToString("0.#", Inv) + "%";

    /// <summary>"Under its 20% by 12 d": the standing in words, so colour never carries it alone.</summary>
    public static string Standing(TeamCapacityPlan plan)
    {
        var n = plan.Numbers;
        var share = Percent(plan.DebtSharePercent);
        return n.Standing switch
        {
            CapacityStanding.Under => $"Under its {share} by {DebtFormat.Days(n.GapDays)} d",
            CapacityStanding.Over => $"Over its {share} by {DebtFormat.Days(-n.GapDays)} d",
            CapacityStanding.OnTarget => $"On its {share}",
            _ => "Capacity not set",
        };
    }

    public static Color StandingColor(CapacityStanding standing) => standing switch
    {
        CapacityStanding.Under => Color.Warning,
        CapacityStanding.Over => Color.Info,
        CapacityStanding.OnTarget => Color.Success,
        _ => Color.Default,
    };

    /// <summary>"20% of every sprint" or "dedicated debt sprints, 20% of the quarter".</summary>
    public static string Allocation(TeamCapacityPlan plan) =>
        plan.Setting?.Mode == DebtAllocationMode.DedicatedSprint
            ? $"dedicated debt sprints, {Percent(plan.DebtSharePercent)} of the quarter"
            : $"{Percent(plan.DebtSharePercent)} of every sprint";

    /// <summary>Where the figures come from: this quarter, carried forward, or nowhere yet.</summary>
    public static string Source(TeamCapacityPlan plan) => plan.Setting switch
    {
        null => "No capacity entered yet; the default share is 20%.",
        { IsCarriedForward: true } s => $"Carried forward from {s.SetIn} (working days: this quarter's {s.WorkingDays} weekdays).",
        var s => $"Set for {s.SetIn} by {s.UpdatedBy}.",
    };

    /// <summary>Width of a chart bar as a CSS percentage of <paramref name="max"/>; a sliver for any value above 0.</summary>
    public static string BarWidth(double value, double max) =>
        (max <= 0 || value <= 0 ? 0 : Math.Max(1.5, value / max * 100)).ToString("0.##", Inv) + "%";

    /// <summary>
    /// A heat map cell's style: a red tint growing with the value, always with dark text so the number stays readable
    /// (the number, not the colour, carries the value) in the light and the dark theme.
    /// </summary>
    public static string HeatStyle(double value, double max)
    {
        if (value <= 0 || max <= 0)
        {
            return "";
        }

        // An opaque blend of white and red, not a transparent red: over the dark theme's background a transparent
        // tint would turn dark and the dark text unreadable (axe colour-contrast). Light cell, dark text, both themes.
        var alpha = 0.08 + (0.5 * value / max);
        int Blend(int channel) => (int)Math.Round(255 - ((255 - channel) * alpha));
        return string.Create(Inv, $"background-color: rgb({Blend(211)}, {Blend(47)}, {Blend(47)}); color: #1a1a1a;");
    }
}
