using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph;
using Portal.Domain.Graph.Queries;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Graph;

/// <summary>
/// The dependency picture: around a focused service, of a team or a system, or the whole catalog (grouped
/// when too large). Everything the view depends on lives in the query string, so a view can be shared as a link.
/// The page builds the picture (nodes, colours, highlight) and <c>wwwroot/js/graph.js</c> draws it.
/// </summary>
public sealed partial class GraphPage : IAsyncDisposable
{
    /// <summary>Teams the legend names; the rest own fewer nodes of the picture and share colours anyway.</summary>
    private const int LegendLimit = 16;

    private ElementReference _canvas;
    private GraphSnapshot? _snapshot;
    private GraphViewDto? _view;
    private GraphPicture? _picture;
    private GraphHighlight? _highlight;
    private string _pictureKey = "";
    private string _requestedKey = "";
    private string _drawnKey = "";
    private string _drawnHighlightKey = "";
    private string? _drawError;
    private IReadOnlyDictionary<string, string> _teamNames = new Dictionary<string, string>();
    private string? _systemName;
    private IReadOnlyDictionary<string, ServiceDebtCost> _debt = new Dictionary<string, ServiceDebtCost>();
    private IJSObjectReference? _module;
    private DotNetObjectReference<GraphPage>? _self;
    private bool _disposed;

    [SupplyParameterFromQuery] public string? Focus { get; set; }

    [SupplyParameterFromQuery(Name = "depth")] public string? DepthText { get; set; }

    private int? Depth => AddressValue.Number(DepthText);

    [SupplyParameterFromQuery] public string? Team { get; set; }

    [SupplyParameterFromQuery] public string? System { get; set; }

    [SupplyParameterFromQuery] public string? Highlight { get; set; }

    /// <summary>Fold nodes into one circle per <c>team</c> or <c>system</c>; unset, the view folds by itself past 300 nodes.</summary>
    [SupplyParameterFromQuery] public string? Group { get; set; }

    /// <summary><c>debt</c>: colour services by their open debt's cost of delay instead of by owner team.</summary>
    [SupplyParameterFromQuery(Name = "color")] public string? Coloring { get; set; }

    /// <summary>Layout direction: <c>LR</c> (callers left, callees right; the default) or <c>TB</c>.</summary>
    [SupplyParameterFromQuery(Name = "dir")] public string? Direction { get; set; }

    [Inject] private GraphService Graphs { get; set; } = null!;

    [Inject] private CatalogQueries Queries { get; set; } = null!;

    [Inject] private DisplayNameQueries Names { get; set; } = null!;

    [Inject] private DebtQueries Debt { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    private int EffectiveDepth => Math.Clamp(Depth ?? 2, 1, GraphSubsets.MaxFocusDepth);

    private string EffectiveHighlight => GraphHighlights.Choices.Any(c => c.Value == Highlight?.ToLowerInvariant()) ? Highlight!.ToLowerInvariant() : GraphHighlights.None;

    private string RankDir => string.Equals(Direction, "TB", StringComparison.OrdinalIgnoreCase) ? "TB" : "LR";

    private bool ByDebt => string.Equals(Coloring, "debt", StringComparison.OrdinalIgnoreCase);

    private string EffectiveGroup => Group?.ToLowerInvariant() is "team" or "system" ? Group.ToLowerInvariant() : "";

    /// <summary>What a circle stands for in a grouped picture: the domain folds by team, or by system inside a team's part.</summary>
    private string GroupNoun => _view?.Nodes.FirstOrDefault()?.Id.StartsWith("system:", StringComparison.Ordinal) == true ? "system" : "team";

    /// <summary>The legend names teams as people know them; the slug stays beside it.</summary>
    private string TeamName(string team) => _teamNames.TryGetValue(team, out var name) ? name : team;

    /// <summary>What "Draw" does right now, in words: the picture folds into circles by itself only when it is large.</summary>
    private string DrawHelp => EffectiveGroup switch
    {
        "team" => "Every team's services folded into one circle",
        "system" => "Every system's services folded into one circle",
        _ => $"Services one by one, folded by team past {GraphSubsets.GroupingThreshold}",
    };

    private bool Drawing => _picture is not null && _drawnKey != _pictureKey && _drawError is null;

    private bool FocusMissing => !string.IsNullOrWhiteSpace(Focus) && _snapshot is not null && !_snapshot.Graph.TryGetIndex(Focus, out _);

    private int TotalServices => _snapshot?.Graph.Nodes.Count(n => n.Kind == NodeKind.Service) ?? 0;

    private int TotalResources => _snapshot?.Graph.Nodes.Count(n => n.Kind == NodeKind.Resource) ?? 0;

    private IEnumerable<GraphPictureNode> PictureNodes(string kind) => _picture?.Nodes.Where(n => n.Kind == kind) ?? [];

    protected override async Task OnParametersSetAsync()
    {
        _snapshot = await Graphs.CurrentAsync();
        _view = null;
        _picture = null;
        _highlight = null;
        _drawError = null;
        if (_snapshot.Graph.EdgeCount == 0 || FocusMissing)
        {
            ForgetDrawing();
            return;
        }

        _view = GraphViewBuilder.Build(_snapshot, Focus, EffectiveDepth, Team, System, EffectiveGroup == "" ? null : EffectiveGroup);
        if (_view.Nodes.Count == 0)
        {
            ForgetDrawing();
            return;
        }

        _highlight = _view.Mode == "nodes" ? GraphHighlights.Find(_snapshot, EffectiveHighlight, Focus) : null;
        _picture = GraphPicture.Build(_snapshot.Graph, _view, _highlight);
        await NamePictureAsync();
        await PaintDebtAsync();

        // Same nodes and edges, direction and colours: only the highlight changed, and re-laying out would move everything.
        _pictureKey = string.Join('|', _snapshot.Version, RankDir, ByDebt && _view.Mode == "nodes", string.Join(',', _picture.Nodes.Select(n => n.Id)), _picture.Edges.Count);
    }

    /// <summary>
    /// Teams and systems as people know them: the legend, the circles of a grouped picture and the summary say "Payments Core",
    /// not <c>payments-core</c>.
    /// </summary>
    private async Task NamePictureAsync()
    {
        var picture = _picture!;
        var groupTeams = picture.Nodes.Where(n => n.Id.StartsWith("team:", StringComparison.Ordinal)).Select(n => n.Id["team:".Length..]);
        _teamNames = await Names.TeamsAsync(picture.Legend.Take(LegendLimit).Select(e => e.Team).Concat(groupTeams).Append(Team ?? ""));
        _systemName = string.IsNullOrWhiteSpace(System) ? null : (await Names.FindAsync(SuggestionKind.System, System))?.DisplayName;
        if (picture.Nodes.Any(n => n.Id.StartsWith("team:", StringComparison.Ordinal)))
        {
            _picture = picture with
            {
                Nodes = [.. picture.Nodes.Select(n => n.Id.StartsWith("team:", StringComparison.Ordinal) && _teamNames.TryGetValue(n.Id["team:".Length..], out var name)
                    ? n with { Label = $"{name} ({n.Count})" }
                    : n)],
            };
        }
    }

    /// <summary>Colours the services by open debt when asked to (services drawn one by one only: a team's circle has no one band).</summary>
    private async Task PaintDebtAsync()
    {
        _debt = new Dictionary<string, ServiceDebtCost>();
        if (!ByDebt || _view?.Mode != "nodes" || _picture is null)
        {
            return;
        }

        _debt = await Debt.OpenCostOfDelayAsync(_picture.Nodes.Where(n => n.Kind == "service").Select(n => n.Id));
        _picture = GraphDebtPaint.Paint(_picture, _debt);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_picture is null || _disposed)
        {
            return;
        }

        var picture = _picture;
        var key = _pictureKey;
        var highlightKey = string.Join(',', picture.Highlight);
        try
        {
            if (_requestedKey != key)
            {
                _requestedKey = key;
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/graph.js");
                _self ??= DotNetObjectReference.Create(this);
                if (_module is null)
                {
                    return;
                }

                await _module.InvokeVoidAsync("render", _canvas, picture, new { rankDir = RankDir }, _self);
                _drawnKey = key;
                _drawnHighlightKey = highlightKey;
                StateHasChanged();
            }
            else if (_drawnKey == key && _drawnHighlightKey != highlightKey && _module is not null)
            {
                _drawnHighlightKey = highlightKey;
                await _module.InvokeVoidAsync("highlight", picture.Highlight);
            }
        }
        catch (JSDisconnectedException)
        {
            // The user left while the picture was being drawn; there is nobody to show it to.
        }
        catch (JSException e)
        {
            _drawError = e.Message;
            StateHasChanged();
        }
    }

    /// <summary>No picture means no canvas: the next picture gets a new one and must be drawn even if it looks like the last.</summary>
    private void ForgetDrawing() => (_requestedKey, _drawnKey, _drawnHighlightKey) = ("", "", "");

    /// <summary>Called by graph.js when a node is clicked: services open their page, groups narrow the picture, resources take the focus.</summary>
    [JSInvokable]
    public Task OnNodeClicked(string id)
    {
        if (id.StartsWith("team:", StringComparison.Ordinal) || id.StartsWith("system:", StringComparison.Ordinal))
        {
            if (GroupLink(id) is { } link)
            {
                Navigation.NavigateTo(link);
            }
        }
        else if (_snapshot?.Graph.Find(id) is { Kind: NodeKind.Resource })
        {
            Navigation.NavigateTo(GraphLinks.Graph(id, EffectiveHighlight == GraphHighlights.None ? null : EffectiveHighlight, 1, color: KeptColor));
        }
        else
        {
            Navigation.NavigateTo(PortalLinks.Service(id));
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("dispose");
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the browser's copy with it.
            }
        }

        _self?.Dispose();
    }

    /// <summary>A focus, a team and a system are three ways to choose a part; choosing one clears the others.</summary>
    private void ChooseFocus(string? focus) => Apply(new() { ["focus"] = focus, ["team"] = null, ["system"] = null });

    private void ChooseTeam(string? team) => Apply(new() { ["team"] = team, ["focus"] = null, ["system"] = null });

    private void ChooseSystem(string? system) => Apply(new() { ["system"] = system, ["focus"] = null, ["team"] = null });

    private void ChooseDepth(int depth) => Apply(new() { ["depth"] = depth == 2 ? null : depth });

    private void ChooseHighlight(string highlight) => Apply(new() { ["highlight"] = highlight == GraphHighlights.None ? null : highlight });

    private void ChooseGroup(string group) => Apply(new() { ["group"] = group });

    private void ChooseDirection(string direction) => Apply(new() { ["dir"] = direction == "LR" ? null : direction });

    private void ChooseColoring(string coloring) => Apply(new() { ["color"] = coloring == "debt" ? "debt" : null });

    private void Apply(Dictionary<string, object?> changes)
    {
        foreach (var key in changes.Keys.ToList())
        {
            if (changes[key] is string text && string.IsNullOrWhiteSpace(text))
            {
                changes[key] = null;
            }
        }

        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(changes));
    }

    /// <summary>What the picture shows, in words, naming the focus, team or system as people know them.</summary>
    private string Scope() =>
        !string.IsNullOrWhiteSpace(Focus) ? $"within {EffectiveDepth} {(EffectiveDepth == 1 ? "hop" : "hops")} of {_snapshot?.Graph.Find(Focus)?.DisplayName ?? Focus}"
        : !string.IsNullOrWhiteSpace(Team) ? $"owned by {TeamName(Team)} or connected to it"
        : !string.IsNullOrWhiteSpace(System) ? $"in system {_systemName ?? System} or connected to it"
        : "in the whole catalog";

    /// <summary>Where clicking a group leads: the team's or system's own picture; nowhere for the leftovers without one.</summary>
    private string? GroupLink(string id) => id switch
    {
        _ when id.StartsWith("team:", StringComparison.Ordinal) && id != "team:" + GraphAnalysis.Unowned => GraphLinks.Graph(team: id["team:".Length..], color: KeptColor),
        _ when id.StartsWith("system:", StringComparison.Ordinal) && id != "system:" + GraphSubsets.NoSystem => GraphLinks.Graph(system: id["system:".Length..], color: KeptColor),
        _ => null,
    };

    /// <summary>The colouring links within the page keep: debt stays on while people move around the graph.</summary>
    private string? KeptColor => ByDebt ? "debt" : null;

    /// <summary>The analysis page's list for a highlight: a blast radius is what single points of failure are about.</summary>
    private static string AnalysisKind(string highlight) => highlight switch
    {
        GraphHighlights.Blast => GraphFindingRows.Wire(GraphFindingKind.SinglePointOfFailure),
        GraphHighlights.Cycle => GraphFindingRows.Wire(GraphFindingKind.Cycle),
        GraphHighlights.Chain => GraphFindingRows.Wire(GraphFindingKind.SyncChain),
        _ => GraphFindingRows.Wire(GraphFindingKind.RetryAmplification),
    };

    /// <summary>The picture focused on <paramref name="id"/>, keeping the highlight; resources are shown with their direct users.</summary>
    private string FocusLink(string id) =>
        GraphLinks.Graph(id, EffectiveHighlight == GraphHighlights.None ? null : EffectiveHighlight,
            _snapshot?.Graph.Find(id) is { Kind: NodeKind.Resource } ? 1 : EffectiveDepth == 2 ? null : EffectiveDepth, color: KeptColor);
}
