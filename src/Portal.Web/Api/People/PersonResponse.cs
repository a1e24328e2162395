using Portal.Domain.Catalog.Queries;
using Portal.Domain.OnCall.Queries;

namespace Portal.Web.Api.People;

/// <summary>A person with their teams and on-call duty.</summary>
public sealed record PersonResponse(PersonDetailsDto Person, IReadOnlyList<PersonOnCallDto> OnCall);
