using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Catalog;

/// <summary>Lets the owners of a service say how it calls each dependency: kind, timeout, retries and guards.</summary>
public partial class EditDependencies
{
    private ServiceDetailsDto? _service;
    private List<Row> _rows = [];
    private bool _loading = true;
    private bool _canEdit;
    private string? _error;
    private string? _newTarget;
    private InteractionKind _newKind = InteractionKind.SyncHttp;
    private List<BreadcrumbItem> _crumbs = [];

    [Inject] private DependencyCommands Commands { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        _service = await Queries.GetServiceAsync(Reference);
        if (_service is null)
        {
            return;
        }

        _canEdit = (await CurrentActorAsync()).CanEdit(_service.OwnerTeamId);
        _rows = [.. _service.Dependencies.Select(d => new Row
        {
            Target = d.TargetKind == "resource" ? "resource:" + d.Target : d.Target,
            IsResource = d.TargetKind == "resource",
            Kind = d.Interaction,
            TimeoutMs = d.TimeoutMs,
            Retries = d.Retries,
            Backoff = d.Backoff,
            CircuitBreaker = d.CircuitBreaker,
            Fallback = d.Fallback,
            Bulkhead = d.Bulkhead,
            Access = d.Access,
        })];
        _crumbs = [new("Catalog", "/catalog"), new(_service.DisplayName, PortalLinks.Service(_service.Namespace, _service.Name)), new("Dependencies", null, disabled: true)];
    }

    private async Task SaveAsync(Row row)
    {
        _error = null;
        try
        {
            var actor = await CurrentActorAsync();
            await Commands.UpsertAsync(actor, Reference, row.Target, new DependencyEdit(
                row.Kind, row.TimeoutMs, row.Retries, row.Backoff, row.CircuitBreaker, row.Fallback, row.Bulkhead, null, row.Access));
            Snackbar.Add($"Saved how {_service!.DisplayName} calls {row.Target}.", Severity.Success);
        }
        catch (Exception ex) when (ex is DomainValidationException or ForbiddenException or ConcurrencyConflictException or NotFoundException)
        {
            _error = ex is DomainValidationException v ? $"{row.Target}: {v.Field} {v.Reason}." : ex.Message;
        }
    }

    private async Task DeleteAsync(Row row)
    {
        if (await Dialogs.ShowMessageBoxAsync("Remove dependency?", $"{_service!.DisplayName} will no longer be recorded as calling {row.Target}.", yesText: "Remove", cancelText: "Cancel") != true)
        {
            return;
        }

        _error = null;
        try
        {
            await Commands.DeleteAsync(await CurrentActorAsync(), Reference, row.Target);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ForbiddenException or NotFoundException)
        {
            _error = ex.Message;
        }
    }

    private async Task AddAsync()
    {
        _error = null;
        var target = _newTarget!.Trim();
        var isResource = target.StartsWith("resource:", StringComparison.OrdinalIgnoreCase);
        try
        {
            await Commands.UpsertAsync(await CurrentActorAsync(), Reference, target,
                new DependencyEdit(isResource ? InteractionKind.SharedDatabase : _newKind, Access: isResource ? ResourceAccess.ReadWrite : null));
            _newTarget = null;
            await LoadAsync();
        }
        catch (Exception ex) when (ex is DomainValidationException or ForbiddenException or NotFoundException)
        {
            _error = ex is DomainValidationException v ? $"{v.Field}: {v.Reason}." : ex.Message;
        }
    }

    private async Task<IEnumerable<string>> SearchServicesAsync(string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var refs = await Queries.SuggestAsync(SuggestionKind.Service, text, 11, ct);
        var own = _service is null ? null : EntityRef.Format(_service.Namespace, _service.Name);
        return refs.Where(r => r != own).Take(10);
    }

    /// <summary>One editable edge.</summary>
    private sealed class Row
    {
        public required string Target { get; init; }

        public bool IsResource { get; init; }

        public InteractionKind Kind { get; set; }

        public int? TimeoutMs { get; set; }

        public int? Retries { get; set; }

        public bool? Backoff { get; set; }

        public bool? CircuitBreaker { get; set; }

        public bool? Fallback { get; set; }

        public bool? Bulkhead { get; set; }

        public ResourceAccess? Access { get; set; }
    }
}
