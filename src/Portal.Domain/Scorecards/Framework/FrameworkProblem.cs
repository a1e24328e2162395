namespace Portal.Domain.Scorecards.Framework;

/// <summary>One thing wrong with a framework definition, naming the line (when it came from YAML) and the field.</summary>
/// <param name="Line">1-based line in the YAML; 0 when not known.</param>
/// <param name="Field">Path of the field, e.g. <c>criteria[3].level</c>.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record FrameworkProblem(int Line, string Field, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Field}: {Message}" : $"{Field}: {Message}";
}
