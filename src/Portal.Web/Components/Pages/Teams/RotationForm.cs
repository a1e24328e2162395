using System.Globalization;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.OnCall;
using Portal.Domain.OnCall.Commands;
using Portal.Domain.OnCall.Queries;

namespace Portal.Web.Components.Pages.Teams;

/// <summary>One level's form on the on-call page: the rotation being edited, its participants by name, and the override being added.</summary>
internal sealed class RotationForm
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

    /// <summary>Turn order, shown by display name.</summary>
    public List<NamedRef> Participants { get; } = [];

    public NamedRef? ToAdd { get; set; }

    public NamedRef? OverridePerson { get; set; }

    public string? OverrideFrom { get; set; }

    public string? OverrideUntil { get; set; }

    public string? OverrideError { get; set; }

    public string? OverrideSaved { get; set; }

    public void Load(RotationDetailsDto? rotation, string teamName, OnCallLevel level, NewRotationDefaults defaults)
    {
        Existing = rotation;
        Open = rotation is not null;
        RotationName = rotation?.Name ?? $"{teamName} {level.ToString().ToLowerInvariant()}";
        var weeks = rotation is not null && rotation.ShiftLengthDays % 7 == 0;
        Unit = rotation is null || weeks ? ShiftUnit.Weeks : ShiftUnit.Days;
        ShiftLength = rotation is null ? 1 : weeks ? rotation.ShiftLengthDays / 7 : rotation.ShiftLengthDays;
        Handoff = (rotation?.HandoffTime ?? new TimeOnly(9, 0)).ToString("HH:mm", CultureInfo.InvariantCulture);
        Start = (rotation?.StartDate ?? defaults.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        TimeZone = rotation?.TimeZoneId ?? defaults.TimeZoneId;
        Provider = rotation?.ExternalScheduleProvider ?? ExternalScheduleProvider.None;
        ExternalId = rotation?.ExternalScheduleId;
        Participants.Clear();
        Participants.AddRange(rotation?.Participants.Select(p => new NamedRef(EntityRef.Format(p.Namespace, p.Name), p.DisplayName)) ?? []);
    }

    public void Move(int index, int by) =>
        (Participants[index], Participants[index + by]) = (Participants[index + by], Participants[index]);

    public void AddParticipant()
    {
        if (ToAdd is not null && !Participants.Any(p => p.Ref == ToAdd.Ref))
        {
            Participants.Add(ToAdd);
        }

        ToAdd = null;
    }

    public void AddMembers(IEnumerable<NamedRef> members) => Participants.AddRange(members.Where(m => !Participants.Any(p => p.Ref == m.Ref)));

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
            DateOnly.Parse(Start!, CultureInfo.InvariantCulture), [.. Participants.Select(p => p.Ref)], Provider, ExternalId);
        return true;
    }
}
