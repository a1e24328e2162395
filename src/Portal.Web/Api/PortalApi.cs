using Portal.Web.Api.Auditing;
using Portal.Web.Api.Catalog;
using Portal.Web.Api.Debt;
using Portal.Web.Api.Graph;
using Portal.Web.Api.Initiatives;
using Portal.Web.Api.People;
using Portal.Web.Api.Reviews;
using Portal.Web.Api.Scorecards;
using Portal.Web.Api.Teams;
using Portal.Web.Hosting;

namespace Portal.Web.Api;

/// <summary>
/// <c>/api/v1</c>: token (or read-only cookie) authorisation, domain errors as problem responses, and each
/// feature's routes, which live beside it (<c>Api/&lt;Feature&gt;/</c>, as the pages do).
/// </summary>
public static class PortalApi
{
    public static RouteGroupBuilder MapPortalApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(AuthHosting.ApiPolicy)
            .AddEndpointFilter<DomainExceptionFilter>()
            .DisableAntiforgery();

        api.MapServicesApi();
        api.MapTeamsApi();
        api.MapPeopleApi();
        api.MapCatalogFilesApi();
        api.MapCatalogRecordsApi();
        api.MapGraphApi();
        api.MapScorecardsApi();
        api.MapDebtApi();
        api.MapDebtCsvApi();
        api.MapDebtCandidateApi();
        api.MapCapacityApi();
        api.MapReviewsApi();
        api.MapInitiativesApi();
        api.MapAuditApi();
        return api;
    }
}
