using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Catalog;

/// <summary>Edits a service: owners and admins only, with per-field errors and conflict detection.</summary>
public partial class EditService
{
    private ServiceDetailsDto? _service;
    private ServiceEditModel _model = new();
    private EditContext _editContext = new(new ServiceEditModel());
    private readonly Dictionary<string, string> _fieldErrors = new(StringComparer.OrdinalIgnoreCase);
    private bool _loading = true;
    private bool _canEdit;
    private bool _isAdmin;
    private bool _saving;
    private bool _conflict;
    private string? _error;
    private List<BreadcrumbItem> _crumbs = [];

    [Inject] private ServiceCommands Commands { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

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

        var actor = await CurrentActorAsync();
        _isAdmin = actor.IsAdmin;
        _canEdit = actor.CanEdit(_service.OwnerTeamId);
        _model = ServiceEditModel.From(_service);
        _editContext = new EditContext(_model);
        _fieldErrors.Clear();
        _crumbs = [new("Catalog", "/catalog"), new(_service.DisplayName, PortalLinks.Service(_service.Namespace, _service.Name)), new("Edit", null, disabled: true)];
    }

    private string? FieldError(string field) => _fieldErrors.GetValueOrDefault(field);

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        _fieldErrors.Clear();
        try
        {
            var actor = await CurrentActorAsync();
            await Commands.UpdateAsync(actor, Reference, _model.ToEdit(), _model.Version);
            Snackbar.Add($"Saved {_service!.DisplayName}.", Severity.Success);
            Navigation.NavigateTo(PortalLinks.Service(_service.Namespace, _service.Name));
        }
        catch (DomainValidationException ex)
        {
            _fieldErrors[ex.Field] = ex.Reason;
            _error = $"Not saved: {ex.Field} {ex.Reason}.";
        }
        catch (ConcurrencyConflictException)
        {
            _conflict = true;
        }
        catch (ForbiddenException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task ReloadAsync()
    {
        _conflict = false;
        await LoadAsync();
    }

    /// <summary>Under the owner field: the team's reference (the name shows in the field) and whom the viewer may hand it to.</summary>
    private string OwnerHelp => (string.IsNullOrWhiteSpace(_model.Owner) ? "" : _model.Owner + " · ") + (_isAdmin ? "any team" : "one of your teams");
}
