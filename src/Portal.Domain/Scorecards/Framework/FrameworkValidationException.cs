namespace Portal.Domain.Scorecards.Framework;

/// <summary>A framework definition was refused; <see cref="Problems"/> lists every problem found, not only the first.</summary>
public sealed class FrameworkValidationException(IReadOnlyList<FrameworkProblem> problems)
    : Exception("The framework is not valid: " + string.Join("; ", problems.Take(5)) + (problems.Count > 5 ? $"; and {problems.Count - 5} more" : ""))
{
    public IReadOnlyList<FrameworkProblem> Problems { get; } = problems;
}
