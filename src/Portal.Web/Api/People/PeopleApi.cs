using Portal.Domain.Catalog.Queries;
using Portal.Domain.OnCall.Queries;

namespace Portal.Web.Api.People;

/// <summary><c>/api/v1/people</c>: a person, their teams and their on-call duty.</summary>
public static class PeopleApi
{
    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/people/{name}", GetPersonAsync).WithName("GetPerson").WithTags("People")
            .WithSummary("A person with their teams and the rotations they are on call for now or in the next four weeks.");
        return api;
    }

    internal static async Task<IResult> GetPersonAsync(string name, CatalogQueries queries, OnCallQueries onCall, TimeProvider clock, CancellationToken ct)
    {
        if (await queries.GetPersonAsync(name, ct) is not { } person)
        {
            return Results.Problem($"Person '{name}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return Results.Ok(new PersonResponse(person, await onCall.ForPersonAsync(name, clock.GetUtcNow(), ct)));
    }
}
