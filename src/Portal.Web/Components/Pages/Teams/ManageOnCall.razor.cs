using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.OnCall;
using Portal.Domain.OnCall.Commands;
using Portal.Domain.OnCall.Queries;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Teams;

/// <summary>Sets up a team's primary and secondary rotations and their overrides.</summary>
public partial class ManageOnCall
{
    private readonly Dictionary<OnCallLevel, RotationForm> _forms = Enum.GetValues<OnCallLevel>().ToDictionary(l => l, _ => new RotationForm());
    private TeamDetailsDto? _team;
    private List<NamedRef> _members = [];
    private bool _loading = true;
    private bool _canEdit;
    private List<BreadcrumbItem> _crumbs = [];

    [Inject] private OnCallCommands Commands { get; set; } = null!;

    [Inject] private OnCallQueries OnCallQueries { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private Portal.Web.Components.Layout.ViewerContext Viewer { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    /// <summary>A new rotation starts today, in the viewer's zone, which is also its first guess at the rotation's zone.</summary>
    private NewRotationDefaults Defaults
    {
        get
        {
            var zone = Viewer.Settings.TimeZone;
            return new NewRotationDefaults(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), zone).DateTime), zone.Id);
        }
    }

    /// <summary>Override times are typed and shown in the viewer's zone, named in the field labels.</summary>
    private string ZoneLabel => ViewerTime.Label(Viewer.Settings.TimeZoneId);

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _team = await Queries.GetTeamAsync(Reference);
        if (_team is not null)
        {
            _canEdit = (await CurrentActorAsync()).CanEdit(_team.Id);
            _members = [.. _team.Members.Select(m => new NamedRef(m.Name, m.DisplayName))];
            _crumbs = [new("Teams", "/teams"), new(_team.DisplayName, PortalLinks.Team(_team.Namespace, _team.Name)), new("On-call", null, disabled: true)];
            await LoadRotationsAsync();
        }

        _loading = false;
    }

    private async Task LoadRotationsAsync()
    {
        var rotations = await OnCallQueries.RotationsAsync(Reference);
        foreach (var level in Enum.GetValues<OnCallLevel>())
        {
            _forms[level].Load(rotations.FirstOrDefault(r => r.Level == level), _team!.DisplayName, level, Defaults);
        }
    }

    private async Task SaveAsync(OnCallLevel level)
    {
        var form = _forms[level];
        form.Error = null;
        if (!form.TryBuild(out var edit, out var problem))
        {
            form.Error = problem;
            return;
        }

        form.Saving = true;
        try
        {
            var actor = await CurrentActorAsync();
            var saved = await Commands.SaveRotationAsync(actor, Reference, level, edit, form.Existing?.Version);
            form.Load(saved, _team!.DisplayName, level, Defaults);
            Snackbar.Add($"Saved the {level.ToString().ToLowerInvariant()} rotation.", Severity.Success);
        }
        catch (DomainValidationException ex)
        {
            form.Error = $"Not saved: {ex.Field} {ex.Reason}.";
        }
        catch (ConcurrencyConflictException ex)
        {
            form.Error = ex.Message;
        }
        catch (ForbiddenException ex)
        {
            form.Error = ex.Message;
        }
        finally
        {
            form.Saving = false;
        }
    }

    private async Task AddOverrideAsync(OnCallLevel level)
    {
        var form = _forms[level];
        var zone = Viewer.Settings.TimeZone;
        form.OverrideError = form.OverrideSaved = null;
        if (form.OverridePerson is null)
        {
            form.OverrideError = "Choose who covers.";
            return;
        }

        if (!ViewerTime.TryFromInput(form.OverrideFrom, zone, out var from) || !ViewerTime.TryFromInput(form.OverrideUntil, zone, out var until))
        {
            form.OverrideError = $"Give both the start and the end of the override as a date and a time ({ZoneLabel}).";
            return;
        }

        if (OverrideCheck.Problem(form.Existing!.Overrides, from, until, zone) is { } problem)
        {
            form.OverrideError = problem;
            return;
        }

        try
        {
            var actor = await CurrentActorAsync();
            var person = form.OverridePerson;
            await Commands.AddOverrideAsync(actor, form.Existing!.Id, person.Ref, from.UtcDateTime, until.UtcDateTime);
            form.OverridePerson = null;
            form.OverrideFrom = form.OverrideUntil = null;
            await LoadRotationsAsync();
            form.OverrideSaved = OverrideCheck.Saved(person.DisplayName, level, from, until, zone);
            Snackbar.Add(form.OverrideSaved, Severity.Success);
        }
        catch (Exception ex) when (ex is DomainValidationException or ConcurrencyConflictException or ForbiddenException or NotFoundException)
        {
            form.OverrideError = "Not saved: " + (ex is DomainValidationException v ? v.Reason : ex.Message);
        }
    }

    private async Task RemoveOverrideAsync(RotationDetailsDto rotation, OverrideDto o)
    {
        var zone = Viewer.Settings.TimeZone;
        var window = $"{ViewerTime.Format(new DateTimeOffset(DateTime.SpecifyKind(o.StartUtc, DateTimeKind.Utc)), zone)} – "
            + ViewerTime.FormatLabelled(new DateTimeOffset(DateTime.SpecifyKind(o.EndUtc, DateTimeKind.Utc)), zone);
        if (await Dialogs.ShowMessageBoxAsync("Remove override?", $"{o.Person.DisplayName} will no longer cover {window}.", yesText: "Remove", cancelText: "Cancel") != true)
        {
            return;
        }

        var actor = await CurrentActorAsync();
        await Commands.RemoveOverrideAsync(actor, rotation.Id, o.Id);
        await LoadRotationsAsync();
    }

    private async Task DeleteAsync(OnCallLevel level)
    {
        var rotation = _forms[level].Existing!;
        if (await Dialogs.ShowMessageBoxAsync("Delete rotation?", $"'{rotation.Name}' and its overrides will be deleted. Nobody will show as on call for this level.", yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        var actor = await CurrentActorAsync();
        await Commands.DeleteRotationAsync(actor, rotation.Id);
        await LoadRotationsAsync();
    }

    private Task<IEnumerable<string>> SearchZones(string? text, CancellationToken ct) =>
        Task.FromResult<IEnumerable<string>>(TimeZoneChoices.Search(text));
}
