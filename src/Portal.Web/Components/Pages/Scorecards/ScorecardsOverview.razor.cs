using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Web.Components.Shared;
using Portal.Domain.Scorecards.Queries;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Web.Components.Pages.Scorecards;

/// <summary>The organisation's readiness: levels per signal, a radar per team, teams × signals, movers, expiring answers and exemptions waiting for a decision.</summary>
public partial class ScorecardsOverview
{
    [Inject] private ScorecardQueries Scorecards { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private FrameworkStore Frameworks { get; set; } = null!;

    /// <summary>The team whose radar is shown; in the address bar, so the view can be shared.</summary>
    [SupplyParameterFromQuery(Name = "team")] public string? Team { get; set; }

    private static readonly string[] SignalTitles = [.. ScalingSignals.All.Select(ScalingSignals.Title)];

    // One word per column, so the heat map's column labels do not run into each other (the radar and tables use the full titles).
    private static readonly string[] ShortSignalTitles = ["Coordination", "Data", "Cascading", "Observability", "Delivery", "Topology", "Shortcuts"];

    private static readonly RadarChartOptions RadarOptions = new() { AxisSuggestedMax = 100, GridLevels = 4, FillOpacity = 0.15 };

    // Light red (none of the services) to light green (all of them), so the black labels stay readable, on paper too.
    private static readonly HeatMapChartOptions HeatOptions = new()
    {
        ShowLabels = true, ShowToolTips = true, ValueFormatString = "F0", ShowLegendLabels = true,
        ChartPalette = ["#ef9a9a", "#ffcc80", "#fff59d", "#c5e1a5", "#81c784"],
    };

    private ScorecardOverview? _overview;
    private ScorecardFreshness? _freshness;
    private IReadOnlyList<ExemptionDto> _pending = [];
    private Dictionary<string, string> _criteria = new(StringComparer.Ordinal);

    private TeamRollup? SelectedTeam => _overview?.Teams.FirstOrDefault(t => t.Team == Team) ?? _overview?.Teams.FirstOrDefault();

    private List<ChartSeries<double>> HeatSeries => _overview is null ? [] :
    [
        .. _overview.Teams.Select(t => new ChartSeries<double>
        {
            Name = t.DisplayName,
            Data = new ChartData<double>(ScalingSignals.All.Select(s => Math.Round(100 * t.Group.PerSignal[s].ShareAtLeast(ScoreLevel.Bronze))).ToArray()),
        }),
    ];

    protected override async Task OnParametersSetAsync()
    {
        if (_overview is null)
        {
            await LoadAsync();
        }
    }

    /// <summary>Reads everything; again when a background pass that the page said was running has ended.</summary>
    private async Task LoadAsync()
    {
        _freshness = await Scorecards.FreshnessAsync();
        _overview = await Scorecards.OverviewAsync();
        _pending = await Scorecards.PendingExemptionsAsync();
        _criteria = (await Frameworks.CurrentAsync()).Criteria.ToDictionary(c => c.Key, c => c.Title, StringComparer.Ordinal);
    }

    private static List<ChartSeries<double>> RadarSeries(TeamRollup team) =>
    [
        .. new[] { ScoreLevel.Bronze, ScoreLevel.Silver, ScoreLevel.Gold }.Select(level => new ChartSeries<double>
        {
            Name = $"{ScorecardFormat.Level(level)} or above (%)",
            Data = new ChartData<double>(ScalingSignals.All.Select(s => Math.Round(100 * team.Group.PerSignal[s].ShareAtLeast(level))).ToArray()),
        }),
    ];

    private Task SelectTeamAsync(string team)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("team", team), replace: true);
        return Task.CompletedTask;
    }
}
