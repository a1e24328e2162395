using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Ingest.Catalog;
using Portal.Web.Auth;

namespace Portal.Web.Components.Pages.Admin;

/// <summary>
/// Where a catalog record belongs, and an admin's hand-over of it (<see cref="CatalogHandOver"/>). The record
/// looked at is in the URL (<c>?kind=component&amp;ref=billing</c>), so a link from a run's conflict or a
/// service page opens it.
/// </summary>
public sealed partial class HandOverPage
{
    private static readonly (string Kind, string Label)[] Kinds =
        [("Component", "Service"), ("API", "API"), ("Resource", "Resource"), ("System", "System"), ("Domain", "Domain"), ("Group", "Team"), ("User", "Person")];

    private readonly FindForm _find = new();
    private readonly HandOverForm _handOver = new();
    private RecordOrigin? _origin;
    private string? _findError;
    private string? _handOverError;
    private string? _locationError;

    [Inject] private CatalogHandOver HandOver { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "kind")] public string? Kind { get; set; }

    [SupplyParameterFromQuery(Name = "ref")] public string? Ref { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _findError = null;
        _origin = null;
        if (string.IsNullOrWhiteSpace(Ref))
        {
            return;
        }

        try
        {
            _find.Kind = CatalogHandOver.KindOf(Kind ?? "component");
            _find.Ref = Ref;
            await LoadAsync();
        }
        catch (DomainValidationException ex)
        {
            _findError = $"{ex.Field}: {ex.Reason}";
        }
    }

    private static string LabelOf(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind).Label ?? kind;

    private static string SourceLabel(DataSource source) => source switch
    {
        DataSource.Manual => "Portal (edited by people)",
        DataSource.GitHub => "GitHub",
        DataSource.Import => "Catalog import",
        _ => source.ToString(),
    };

    private async Task LoadAsync()
    {
        try
        {
            _origin = await HandOver.FindAsync(_find.Kind, _find.Ref ?? "");
            _handOver.To = _origin.Source == DataSource.Manual ? DataSource.GitHub : DataSource.Manual;
            _handOver.Location = null;
        }
        catch (NotFoundException)
        {
            _findError = $"There is no {LabelOf(_find.Kind).ToLowerInvariant()} named '{_find.Ref}' in the catalog.";
        }
    }

    private void FindAsync()
    {
        if (string.IsNullOrWhiteSpace(_find.Ref))
        {
            _findError = "Enter the record's name.";
            return;
        }

        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["kind"] = _find.Kind.ToLowerInvariant(),
            ["ref"] = _find.Ref.Trim(),
        }));
    }

    private async Task HandOverAsync()
    {
        if (_origin is not { } origin)
        {
            return;
        }

        _handOverError = null;
        _locationError = null;
        var to = _handOver.To == DataSource.Manual ? "people editing it in Portal" : _handOver.Location;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Hand the record over?",
            $"'{origin.Ref}' belongs to {origin.Owner}. From now on only {to} may change it; the old location's definition will be reported as a conflict.",
            yesText: "Hand over",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        try
        {
            var actor = await Actors.ResolveAsync((await AuthState).User);
            _origin = await HandOver.HandOverAsync(actor, new HandOverRequest(origin.Kind, origin.Ref, _handOver.To, _handOver.Location, origin.Version));
            Snackbar.Add($"'{origin.Ref}' now belongs to {_origin.Owner}.", Severity.Success);
        }
        catch (DomainValidationException ex) when (ex.Field == "location")
        {
            _locationError = ex.Reason;
        }
        catch (DomainValidationException ex)
        {
            _handOverError = $"{ex.Field}: {ex.Reason}";
        }
        catch (Exception ex) when (ex is ForbiddenException or ConcurrencyConflictException)
        {
            _handOverError = ex.Message;
        }
    }

    private sealed class FindForm
    {
        public string Kind { get; set; } = "Component";

        public string? Ref { get; set; }
    }

    private sealed class HandOverForm
    {
        public DataSource To { get; set; } = DataSource.Manual;

        public string? Location { get; set; }
    }
}
