using System.Globalization;
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
    private static readonly string[] ZoneIds = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal)];

    private readonly Dictionary<OnCallLevel, RotationForm> _forms = Enum.GetValues<OnCallLevel>().ToDictionary(l => l, _ => new RotationForm());
    private TeamDetailsDto? _team;
    private List<string> _members = [];
    private bool _loading = true;
    private bool _canEdit;
    private List<BreadcrumbItem> _crumbs = [];

    [Inject] private OnCallCommands Commands { get; set; } = null!;

    [Inject] private OnCallQueries OnCallQueries { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    [Inject] private Portal.Web.Components.Layout.ViewerContext Viewer { get; set; } = null!;

    /// <summary>Override times are typed and shown in the viewer's zone, named in the field labels.</summary>
    private string ZoneLabel => ViewerTime.Label(Viewer.Settings.TimeZoneId);

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _team = await Queries.GetTeamAsync(Reference);
        if (_team is not null)
        {
            _canEdit = (await CurrentActorAsync()).CanEdit(_team.Id);
            _members = [.. _team.Members.Select(m => m.Name)];
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
            _forms[level].Load(rotations.FirstOrDefault(r => r.Level == level), _team!.DisplayName, level, Today);
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
            form.Load(saved, _team!.DisplayName, level, Today);
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
        if (string.IsNullOrWhiteSpace(form.OverridePerson))
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
            await Commands.AddOverrideAsync(actor, form.Existing!.Id, person, from.UtcDateTime, until.UtcDateTime);
            form.OverridePerson = null;
            form.OverrideFrom = form.OverrideUntil = null;
            await LoadRotationsAsync();
            var name = form.Existing?.Overrides.FirstOrDefault(o => EntityRef.Format(o.Person.Namespace, o.Person.Name) == person)?.Person.DisplayName ?? person;
            form.OverrideSaved = OverrideCheck.Saved(name, level, from, until, zone);
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

    /// <summary>The default start of a new rotation: today, UTC.</summary>
    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    private Task<IEnumerable<string>> SearchZones(string? text, CancellationToken ct) =>
        Task.FromResult<IEnumerable<string>>(string.IsNullOrWhiteSpace(text) ? ZoneIds.Take(20) : ZoneIds.Where(z => z.Contains(text, StringComparison.OrdinalIgnoreCase)).Take(20));

    private async Task<IEnumerable<string>> SearchPeople(string? text, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(text) ? _members : await Queries.SuggestAsync(SuggestionKind.Person, text, 20, ct);

    /// <summary>One level's form state.</summary>
    private sealed class RotationForm
    {
        public RotationDetailsDto? Existing { get; private set; }

        public bool Open { get; set; }

        public bool Saving { get; set; }

        public string? Error { get; set; }

        public string? RotationName { get; set; }

        public int ShiftLength { get; set; } = 1;

        public ShiftUnit Unit { get; set; } = ShiftUnit.Weeks;

        public string? Handoff { get; set; } = "09:00";

        public string? Start { get; set; }

        public string? TimeZone { get; set; } = "UTC";

        public ExternalScheduleProvider Provider { get; set; }

        public string? ExternalId { get; set; }

        public List<string> Participants { get; } = [];

        public string? ToAdd { get; set; }

        public string? OverridePerson { get; set; }

        public string? OverrideFrom { get; set; }

        public string? OverrideUntil { get; set; }

        public string? OverrideError { get; set; }

        public string? OverrideSaved { get; set; }

        public void Load(RotationDetailsDto? rotation, string teamName, OnCallLevel level, DateOnly today)
        {
            Existing = rotation;
            Open = rotation is not null;
            RotationName = rotation?.Name ?? $"{teamName} {level.ToString().ToLowerInvariant()}";
            var weeks = rotation is not null && rotation.ShiftLengthDays % 7 == 0;
            Unit = rotation is null || weeks ? ShiftUnit.Weeks : ShiftUnit.Days;
            ShiftLength = rotation is null ? 1 : weeks ? rotation.ShiftLengthDays / 7 : rotation.ShiftLengthDays;
            Handoff = (rotation?.HandoffTime ?? new TimeOnly(9, 0)).ToString("HH:mm", CultureInfo.InvariantCulture);
            Start = (rotation?.StartDate ?? today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            TimeZone = rotation?.TimeZoneId ?? "UTC";
            Provider = rotation?.ExternalScheduleProvider ?? ExternalScheduleProvider.None;
            ExternalId = rotation?.ExternalScheduleId;
            Participants.Clear();
            Participants.AddRange(rotation?.Participants.Select(p => EntityRef.Format(p.Namespace, p.Name)) ?? []);
        }

        public void Move(int index, int by) =>
            (Participants[index], Participants[index + by]) = (Participants[index + by], Participants[index]);

        public void AddParticipant()
        {
            if (!string.IsNullOrWhiteSpace(ToAdd) && !Participants.Contains(ToAdd))
            {
                Participants.Add(ToAdd);
            }

            ToAdd = null;
        }

        public void AddMembers(IEnumerable<string> members) => Participants.AddRange(members.Where(m => !Participants.Contains(m)));

        public bool TryBuild(out RotationEdit edit, out string? problem)
        {
            edit = null!;
            problem = string.IsNullOrWhiteSpace(RotationName) ? "Give the rotation a name."
                : !TimeOnly.TryParse(Handoff, CultureInfo.InvariantCulture, out var handoff) ? $"'{Handoff}' is not a time of day, e.g. 09:00."
                : !DateOnly.TryParse(Start, CultureInfo.InvariantCulture, out var start) ? $"'{Start}' is not a date."
                : string.IsNullOrWhiteSpace(TimeZone) ? "Choose a time zone."
                : null;
            if (problem is not null)
            {
                return false;
            }

            edit = new RotationEdit(RotationName!, ShiftLength, Unit, TimeOnly.Parse(Handoff!, CultureInfo.InvariantCulture), TimeZone!,
                DateOnly.Parse(Start!, CultureInfo.InvariantCulture), [.. Participants], Provider, ExternalId);
            return true;
        }
    }
}
