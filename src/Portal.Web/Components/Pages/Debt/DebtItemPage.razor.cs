using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Security;
using Portal.Web.Auth;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>One debt item: its numbers and why, what it is, reports of pain (anyone may add one) and its history.</summary>
public partial class DebtItemPage
{
    private readonly Dictionary<string, string> _reportErrors = new(StringComparer.OrdinalIgnoreCase);
    private DebtItemDetailsDto? _item;
    private IReadOnlyList<DebtHistoryEntryDto> _history = [];
    private List<BreadcrumbItem> _crumbs = [];
    private ReportForm _report = new();
    private bool _loading = true;
    private bool _canEdit;
    private bool _isAdmin;
    private bool _stopping;
    private bool _addingReport;
    private Guid? _removing;
    private string? _removalReason;
    private string? _removalError;

    [Parameter] public Guid Id { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] private DebtQueries Queries { get; set; } = null!;

    [Inject] private DebtCommands Commands { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        _item = await Queries.GetAsync(Id);
        if (_item is null)
        {
            return;
        }

        _history = await Queries.HistoryAsync(Id);
        _crumbs = [new("Tech debt", "/debt"), new(_item.Title, null, disabled: true)];
        // The command decides for real; this only hides a button the person could not use.
        var actor = await Actors.ResolveAsync((await AuthState).User);
        var mine = actor.Role == PortalRole.Editor ? (await Queries.TeamRefsAsync(actor.TeamIds)).ToHashSet(StringComparer.Ordinal) : [];
        var s = _item.Summary;
        _isAdmin = actor.IsAdmin;
        _canEdit = actor.IsAdmin || (actor.Role == PortalRole.Editor && s.Services.All(x => x.OwnerTeam is { } t && mine.Contains(t)));
        _report = new ReportForm { OccurredOn = Clock.GetUtcNow().UtcDateTime.Date };
    }

    private async Task EditAsync()
    {
        var dialog = await Dialogs.ShowAsync<DebtItemDialog>(
            "Edit debt item",
            new DialogParameters<DebtItemDialog> { { d => d.ItemId, Id } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Saved.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task AddReportAsync()
    {
        _addingReport = true;
        _reportErrors.Clear();
        try
        {
            var actor = await Actors.ResolveAsync((await AuthState).User);
            var occurred = DateOnly.FromDateTime(_report.OccurredOn ?? Clock.GetUtcNow().UtcDateTime);
            await Commands.AddReportAsync(actor, Id, new NewDebtReport(occurred, _report.Hours ?? 0, _report.Note, _report.Incident));
            Snackbar.Add("Report added; the interest and the ranking follow it.", Severity.Success);
            await LoadAsync();
        }
        catch (DomainValidationException ex)
        {
            _reportErrors[ex.Field] = ex.Reason;
        }
        finally
        {
            _addingReport = false;
        }
    }

    private async Task StopFollowingAsync()
    {
        if (_item is not { Summary.ExternalUrl: { } url } item)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Stop following the GitHub issue?",
            $"'{item.Title}' will no longer follow {IssueName(url)}: it becomes Portal's own (every field set here, closed here), keeps its link to the issue, and the GitHub sync leaves it alone from now on, even if the issue changes. Use this when the issue cannot be closed on GitHub or is no longer synced.",
            yesText: "Stop following",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _stopping = true;
        try
        {
            var actor = await Actors.ResolveAsync((await AuthState).User);
            await Commands.StopFollowingAsync(actor, Id, item.Version);
            Snackbar.Add("The item no longer follows its GitHub issue; it is Portal's own now.", Severity.Success);
            await LoadAsync();
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add("The item changed meanwhile (the sync or someone else saved it); look again and retry.", Severity.Warning);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ForbiddenException or DomainValidationException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _stopping = false;
        }
    }

    private void StartRemoving(Guid reportId) => (_removing, _removalReason, _removalError) = (reportId, null, null);

    private async Task RemoveReportAsync(Guid reportId)
    {
        try
        {
            var actor = await Actors.ResolveAsync((await AuthState).User);
            await Commands.RemoveReportAsync(actor, Id, reportId, _removalReason);
            Snackbar.Add("The report no longer counts towards the interest; it stays listed with your reason.", Severity.Success);
            _removing = null;
            await LoadAsync();
        }
        catch (DomainValidationException ex)
        {
            _removalError = ex.Reason;
        }
        catch (Exception ex) when (ex is ForbiddenException or ConcurrencyConflictException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private static string Verb(DebtHistoryEntryDto h) => h.Action switch
    {
        "debt.report.remove" => "removed a report of pain",
        "debt.create" => "logged it",
        "debt.update" => "changed it",
        "debt.status" => "changed its status",
        "debt.report" => "reported pain",
        DebtMirrorCommands.CreateAction => "added it from its GitHub issue",
        DebtMirrorCommands.UpdateAction => "updated it from its GitHub issue",
        DebtMirrorCommands.AdoptAction => "started following the GitHub issue it linked",
        DebtMirrorCommands.ReleaseAction => "stopped following its GitHub issue",
        DebtCommands.StopFollowingAction => "stopped it following its GitHub issue",
        _ when !h.Succeeded => "tried to change it and was refused",
        _ => h.Action,
    };

    private static string? Short(string? text) => text is { Length: > 80 } ? TextCut.Prefix(text, 77) + "…" : text;

    /// <summary>The report form's values.</summary>
    private sealed class ReportForm
    {
        public DateTime? OccurredOn { get; set; }

        public double? Hours { get; set; }

        public string? Note { get; set; }

        public string? Incident { get; set; }
    }

    /// <summary><c>acme/billing#12</c> from an issue's web address; the address itself when it is not one.</summary>
    private static string IssueName(string url) =>
        DebtMirrorCommands.IssueOf(url) is { } at ? $"{at.Organization}/{at.Repository}#{url.TrimEnd('/').Split('/')[^1]}" : url;
}
