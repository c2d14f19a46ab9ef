using ConnectLocal.Core.Flows;
using ConnectLocal.Server.Flows;

namespace ConnectLocal.Server.CommandLine;

/// <summary>
/// <c>connectlocal validate-flow FILE [--type CONTACT_FLOW]</c>: the checks CreateContactFlow makes, offline, one
/// line per problem (prefixed by its action). References (queue, prompt, hours, flow ids) are not checked: there
/// is no instance to look them up in. Exit 0: valid; 1: problems; 2: usage or an unreadable file.
/// </summary>
internal static class ValidateFlowCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        string? file = null;
        var flowType = FlowActionTypes.Inbound;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--type" && i + 1 < args.Count)
            {
                flowType = args[++i];
            }
            else if (file is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                file = args[i];
            }
            else
            {
                return Usage($"unexpected argument '{args[i]}'");
            }
        }

        if (file is null)
        {
            return Usage("validate-flow needs a FILE");
        }

        if (!FlowActionTypes.AllFlowTypes.Contains(flowType))
        {
            return Usage($"--type must be one of {string.Join(", ", FlowActionTypes.AllFlowTypes.Order(StringComparer.Ordinal))}");
        }

        string content;
        try
        {
            content = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"connectlocal: cannot read {file}: {e.Message}");
            return 2;
        }

        IReadOnlyList<string> problems;
        try
        {
            problems = FlowValidator.Problems(FlowJson.Read(content), flowType, exists: null).Select(p => p.ToString()).ToList();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.InvalidFlow)
        {
            problems = e.Problems;
        }

        foreach (var problem in problems)
        {
            Console.WriteLine(problem);
        }

        if (problems.Count == 0)
        {
            Console.WriteLine($"{file}: a valid {flowType} flow");
        }

        return problems.Count == 0 ? 0 : 1;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"connectlocal: {message}\n\n{Cli.Usage}");
        return 2;
    }
}
