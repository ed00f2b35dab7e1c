package dev.berth.gateway.build.dockerfile;

import java.util.List;

/**
 * One instruction after Docker's first parsing pass, before its arguments are checked: the keyword as written, its
 * flags, and its arguments split the way that keyword splits them.
 *
 * @param line     the 1-based line the instruction starts on
 * @param keyword  the keyword as written ({@code run}, {@code RUN}, ...)
 * @param original the instruction's text, continuation lines joined
 * @param flags    the leading {@code --flag} words
 * @param args     the arguments; for {@code ENV} and {@code LABEL} names and values in turn
 * @param json     whether the arguments were a JSON array (the exec form)
 * @param trigger  for {@code ONBUILD}, the instruction it carries; otherwise null
 */
record SyntaxNode(int line, String keyword, String original, List<String> flags, List<String> args, boolean json,
                  SyntaxNode trigger) {

    SyntaxNode {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
    }
}
