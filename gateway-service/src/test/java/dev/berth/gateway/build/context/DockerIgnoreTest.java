package dev.berth.gateway.build.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerIgnoreTest {

    /** Each row: the .dockerignore (lines separated by ';'), a path, whether Docker leaves the path out. */
    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // plain names, and a directory's pattern covering everything below it
            "node_modules             | node_modules                 | true",
            "node_modules             | node_modules/a/b.js          | true",
            "node_modules             | src/node_modules             | false",
            "node_modules             | node_modules_old             | false",
            // * stays within a segment
            "*.md                     | README.md                    | true",
            "*.md                     | docs/a.md                    | false",
            "*/*.md                   | docs/a.md                    | true",
            "*/*.md                   | docs/sub/a.md                | false",
            // ** crosses segments, also none
            "**/*.log                 | app.log                      | true",
            "**/*.log                 | logs/2024/app.log            | true",
            "**/*.log                 | app.log.txt                  | false",
            "docs/**/*.png            | docs/a.png                   | true",
            "docs/**/*.png            | docs/x/y/a.png               | true",
            "docs/**/*.png            | other/a.png                  | false",
            "build/**                 | build/out/x                  | true",
            "**                       | anything/at/all              | true",
            // ? and classes
            "file?.txt                | file1.txt                    | true",
            "file?.txt                | file10.txt                   | false",
            "file?.txt                | file/.txt                    | false",
            "[a-c]*.go                | b_test.go                    | true",
            "[a-c]*.go                | d.go                         | false",
            "[^a-c]*.go               | d.go                         | true",
            "[^a-c]*.go               | a.go                         | false",
            "\\*.txt                  | *.txt                        | true",
            "\\*.txt                  | a.txt                        | false",
            // leading / and ./ are the context root; trailing / and .. are cleaned away
            "/abs                     | abs                          | true",
            "/abs                     | x/abs                        | false",
            "./src/gen                | src/gen/a.java               | true",
            "dir/                     | dir/file                     | true",
            "dir/                     | dir                          | true",
            "a/../b                   | b/c                          | true",
            // exceptions: the last matching pattern decides
            "*.log;!keep.log          | keep.log                     | false",
            "*.log;!keep.log          | other.log                    | true",
            "!keep.log;*.log          | keep.log                     | true",
            "**/*.log;!**/keep.log    | deep/dir/keep.log            | false",
            "logs;!logs/important.txt | logs/important.txt           | false",
            "logs;!logs/important.txt | logs/other.txt               | true",
            "logs;!logs;logs/tmp      | logs/tmp/x                   | true",
            "logs;!logs;logs/tmp      | logs/keep                    | false",
            // comments only at the start of a line, blanks trimmed
            "# comment                | # comment                    | false",
            "   *.tmp   ;# x          | a.tmp                        | true",
            "' # not a comment'       | # not a comment              | true",
            // the paths asked about are cleaned too, and the root is never excluded
            "*                        | ./a                          | true",
            "*                        | .                            | false",
            "secret                   | /secret                      | true"
    })
    void excludes_asDocker(String lines, String path, boolean excluded) {
        DockerIgnore ignore = DockerIgnore.parse(lines.replace(';', '\n'));

        assertThat(ignore.excludes(path)).as("%s excludes %s", lines, path).isEqualTo(excluded);
    }

    @Test
    void parse_cleansPatterns_andKeepsExceptionsMarked() {
        DockerIgnore ignore = DockerIgnore.parse("\uFEFF# comment\r\n/a/b/\r\n\r\n! ./c/../d\n  e//f  \n");

        assertThat(ignore.patterns()).containsExactly("a/b", "!d", "e/f");
    }

    @Test
    void none_excludesNothing() {
        assertThat(DockerIgnore.none().excludes("anything")).isFalse();
        assertThat(DockerIgnore.none().skipsDirectory("anything")).isFalse();
        assertThat(DockerIgnore.parse("").patterns()).isEmpty();
    }

    @Test
    void dockerfileAndDockerignore_areMatchedLikeAnyOtherFile() {
        // Whether the builder still reads them is the caller's business (see the class comment).
        DockerIgnore ignore = DockerIgnore.parse("*\n");

        assertThat(ignore.excludes("Dockerfile")).isTrue();
        assertThat(ignore.excludes(".dockerignore")).isTrue();
    }

    @Test
    void skipsDirectory_withoutExceptions_whenExcluded() {
        DockerIgnore ignore = DockerIgnore.parse("node_modules\n*.log\n");

        assertThat(ignore.skipsDirectory("node_modules")).isTrue();
        assertThat(ignore.skipsDirectory("node_modules/pkg")).isTrue();
        assertThat(ignore.skipsDirectory("src")).isFalse();
    }

    @Test
    void skipsDirectory_not_whenAnExceptionNamesSomethingBelow() {
        DockerIgnore ignore = DockerIgnore.parse("vendor\n!vendor/keep/this.txt\n");

        assertThat(ignore.skipsDirectory("vendor")).isFalse();
        assertThat(ignore.skipsDirectory("vendor/keep")).isFalse();
        assertThat(ignore.skipsDirectory("vendor/other")).isTrue();
        assertThat(ignore.excludes("vendor/keep/this.txt")).isFalse();
        assertThat(ignore.excludes("vendor/keep/that.txt")).isTrue();
    }

    @Test
    void skipsDirectory_not_whenAWildcardExceptionCouldMatchBelow() {
        DockerIgnore ignore = DockerIgnore.parse("*\n!**/*.go\n");

        assertThat(ignore.skipsDirectory("src")).isFalse();
        assertThat(ignore.excludes("src/deep/main.go")).isFalse();
        assertThat(ignore.excludes("src/deep/main.c")).isTrue();
    }

    @Test
    void skipsDirectory_wildcardSegmentsOfAnException_areMatchedOneByOne() {
        DockerIgnore ignore = DockerIgnore.parse("cache\n!cache/*/keep\n");

        assertThat(ignore.skipsDirectory("cache")).isFalse();
        assertThat(ignore.skipsDirectory("cache/a")).isFalse();
        assertThat(ignore.skipsDirectory("cache/b/other")).isTrue();
        assertThat(ignore.excludes("cache/a/keep")).isFalse();
        assertThat(ignore.skipsDirectory("cache/a/keep")).isFalse();
    }

    @Test
    void skipsDirectory_anExceptionBeforeTheDecisiveExclusion_doesNotCount() {
        DockerIgnore ignore = DockerIgnore.parse("!tmp/keep\ntmp\n");

        assertThat(ignore.excludes("tmp/keep")).isTrue();
        assertThat(ignore.skipsDirectory("tmp")).isTrue();
    }

    @Test
    void skipsDirectory_ofADirectoryIncludedAgain_isFalse() {
        DockerIgnore ignore = DockerIgnore.parse("build\n!build\n");

        assertThat(ignore.excludes("build/x")).isFalse();
        assertThat(ignore.skipsDirectory("build")).isFalse();
    }

    @Test
    void prefixAndSuffixForms_matchAcrossSegments_asDockerDoes() {
        DockerIgnore ignore = DockerIgnore.parse("foo**\n**bar\n");

        assertThat(ignore.excludes("foobaz/x")).isTrue();
        assertThat(ignore.excludes("a/b/xbar")).isTrue();
        assertThat(ignore.excludes("a/foo")).isFalse();
    }

    @Test
    void parse_refusesWhatDockerRefuses() {
        assertThatThrownBy(() -> DockerIgnore.parse("a\n!\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("illegal exclusion pattern: \"!\"");
        for (String bad : new String[] {"[", "a[b", "[]", "[^]", "[a-]", "x\\", "[-a]"}) {
            assertThatThrownBy(() -> DockerIgnore.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("syntax error in pattern");
        }
    }

    @Test
    void escapedCharactersInClasses_areLiteral() {
        DockerIgnore ignore = DockerIgnore.parse("[\\-\\]]x\n[.]y\n");

        assertThat(ignore.excludes("-x")).isTrue();
        assertThat(ignore.excludes("]x")).isTrue();
        assertThat(ignore.excludes("ax")).isFalse();
        assertThat(ignore.excludes(".y")).isTrue();
        assertThat(ignore.excludes("ay")).isFalse();
    }

    @Test
    void clean_asGo() {
        assertThat(DockerIgnore.clean("")).isEqualTo(".");
        assertThat(DockerIgnore.clean("./a//b/./c/..")).isEqualTo("a/b");
        assertThat(DockerIgnore.clean("../../a")).isEqualTo("../../a");
        assertThat(DockerIgnore.clean("/../a/")).isEqualTo("/a");
        assertThat(DockerIgnore.clean("a/..")).isEqualTo(".");
    }
}
