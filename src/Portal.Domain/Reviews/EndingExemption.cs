namespace Portal.Domain.Reviews;

/// <summary>An approved exemption that ends within the review's quarter: the criterion counts again after it.</summary>
public sealed record EndingExemption(string Service, string ServiceName, string? TeamName, string Criterion, string CriterionTitle, DateOnly EndsOn, string Reason);
