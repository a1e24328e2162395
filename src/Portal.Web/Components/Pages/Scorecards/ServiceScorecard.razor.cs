using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Scorecards;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Debt;
using Portal.Domain.Scorecards.Commands;
using Portal.Domain.Scorecards.Queries;

namespace Portal.Web.Components.Pages.Scorecards;

/// <summary>One service's scorecard: levels, next steps, every criterion with evidence, answers and exemptions.</summary>
public partial class ServiceScorecard
{
    [Inject] private ScorecardQueries Scorecards { get; set; } = null!;

    [Inject] private ScorecardCommands Commands { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private ServiceScorecardView? _card;
    private IReadOnlyDictionary<string, DebtItemRef> _debt = new Dictionary<string, DebtItemRef>();
    private Actor? _actor;
    private IReadOnlySet<Guid> _undecidable = new HashSet<Guid>();
    private bool _missing;
    private bool _canEdit;
    private string? _answering;
    private string? _exempting;
    private string? _exemptionReason;
    private string? _exemptionEnds;
    private bool _exemptionPermanent;
    private Guid? _rejecting;
    private string? _rejectNote;
    private string? _error;

    protected override async Task OnParametersSetAsync()
    {
        _actor = await CurrentActorAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _card = await Scorecards.ServiceAsync(Reference);
        _missing = _card is null;
        _canEdit = _card is not null && _actor is not null && _actor.CanEdit(_card.OwnerTeamId);
        _debt = _card is null ? new Dictionary<string, DebtItemRef>() : await Scorecards.DebtItemsAsync(_card.Service);
        // Only an admin decides, so only an admin's page needs to know which requests are theirs (four eyes).
        _undecidable = _card is null || _actor is not { IsAdmin: true } ? new HashSet<Guid>() : await Scorecards.UndecidableByAsync(_actor, _card.Exemptions);
    }

    /// <summary>
    /// Who acts, read again as an action runs (role, sign-in link and teams as they are now, not as the page loaded):
    /// the command checks that actor, and the buttons shown follow it.
    /// </summary>
    private async Task<Actor> ActingAsync()
    {
        var actor = await CurrentActorAsync();
        _actor = actor;
        _canEdit = _card is not null && actor.CanEdit(_card.OwnerTeamId);
        return actor;
    }

    /// <summary>Opens the debt form filled in from the criterion; the new item links back to it.</summary>
    private async Task LogDebtAsync(CriterionDefinition criterion, CriterionResult result)
    {
        var dialog = await Dialogs.ShowAsync<DebtItemDialog>(
            "Log technical debt",
            new DialogParameters<DebtItemDialog> { { d => d.Prefill, CriterionDebtDraft.For(_card!.Service, _card.DisplayName, criterion, result) } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"Logged '{criterion.Title}' as debt; it is linked on this criterion.", MudBlazor.Severity.Success);
            await LoadAsync();
        }
    }

    private void StartAnswer(string criterion)
    {
        _error = null;
        _exempting = null;
        _answering = criterion;
    }

    private void StartExemption(string criterion)
    {
        _error = null;
        _answering = null;
        _exempting = criterion;
        _exemptionReason = null;
        _exemptionPermanent = false;
        _exemptionEnds = Clock.GetUtcNow().UtcDateTime.Date.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private async Task SaveAnswerAsync(CriterionDefinition criterion, AnswerDto? existing, AnswerFormModel model)
    {
        _error = null;
        try
        {
            await Commands.AnswerAsync(await ActingAsync(), Reference, criterion.Key, model.Maturity, model.Note, model.EvidenceUrl, existing?.Version);
            _answering = null;
            Snackbar.Add($"Answer saved for '{criterion.Title}'.", MudBlazor.Severity.Success);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is DomainValidationException or ForbiddenException or ConcurrencyConflictException or NotFoundException)
        {
            _error = ex.Message;
        }
    }

    private async Task RequestExemptionAsync(string criterion)
    {
        _error = null;
        DateOnly? ends = null;
        if (!_exemptionPermanent)
        {
            if (!DateOnly.TryParseExact(_exemptionEnds?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                _error = "endsOn: give the last day as YYYY-MM-DD, or (admins) tick Permanent.";
                return;
            }

            ends = d;
        }

        try
        {
            await Commands.RequestExemptionAsync(await ActingAsync(), Reference, criterion, _exemptionReason, ends);
            _exempting = null;
            Snackbar.Add("Exemption requested; an admin approves it.", MudBlazor.Severity.Success);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is DomainValidationException or ForbiddenException or NotFoundException)
        {
            _error = ex.Message;
        }
    }

    /// <summary>
    /// The viewer asked for this exemption (under any name of theirs, today's sign-in links and tokens included), so
    /// someone else decides it: the same rule the command applies.
    /// </summary>
    private bool OwnRequest(ExemptionDto exemption) =>
        _actor is not null && _undecidable.Contains(exemption.Id);

    private void StartReject(ExemptionDto exemption)
    {
        _error = null;
        _answering = null;
        _exempting = null;
        _rejectNote = null;
        _rejecting = exemption.Id;
    }

    private async Task DecideAsync(ExemptionDto exemption, bool approve)
    {
        _error = null;
        try
        {
            await Commands.DecideExemptionAsync(await ActingAsync(), exemption.Id, approve, approve ? null : _rejectNote, exemption.Version);
            _rejecting = null;
            Snackbar.Add(approve ? "Exemption approved: the criterion no longer blocks the level." : "Exemption rejected.", MudBlazor.Severity.Success);
            await LoadAsync();
        }
        catch (DomainValidationException ex) when (!approve)
        {
            _error = ex.Message;
        }
        catch (Exception ex) when (ex is DomainValidationException or ForbiddenException or ConcurrencyConflictException)
        {
            Snackbar.Add(ex.Message, MudBlazor.Severity.Error);
        }
    }

    private async Task RevokeAsync(ExemptionDto exemption)
    {
        try
        {
            await Commands.RevokeExemptionAsync(await ActingAsync(), exemption.Id, "Revoked on the scorecard page.", exemption.Version);
            Snackbar.Add("Exemption revoked: the criterion counts again.", MudBlazor.Severity.Success);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is DomainValidationException or ForbiddenException or ConcurrencyConflictException)
        {
            Snackbar.Add(ex.Message, MudBlazor.Severity.Error);
        }
    }
}
