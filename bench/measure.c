/* SPDX-License-Identifier: MIT */
/*
 * Runs a command and writes its resource use, for bench/run:
 *
 *   bench_measure RESULT_FILE COMMAND [ARG ...]
 *
 * writes "USER_S SYS_S WALL_S PEAK_KIB EXIT_STATUS" (one line) to
 * RESULT_FILE after the command ends; the command keeps this program's
 * standard streams. EXIT_STATUS is 128 + N when signal N ended it.
 *
 * bench/run could call wait4() itself, but a child forked from the Python
 * interpreter starts with the interpreter's resident set, and Linux keeps
 * that as the floor of ru_maxrss across exec(). Forked from this small
 * program, a command's peak RSS is its own.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: bench_measure RESULT_FILE COMMAND [ARG ...]\n", stderr);
        return 2;
    }

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t child = fork();
    if (child < 0) {
        perror("bench_measure: fork");
        return 1;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "bench_measure: cannot run %s: ", argv[2]);
        perror(NULL);
        _exit(127);
    }

    int status = 0;
    struct rusage usage;
    if (wait4(child, &status, 0, &usage) < 0) {
        perror("bench_measure: wait4");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);

    int exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *result = fopen(argv[1], "w");
    if (result == NULL) {
        perror(argv[1]);
        return 1;
    }
    fprintf(result, "%ld.%06ld %ld.%06ld %.6f %ld %d\n", (long)usage.ru_utime.tv_sec,
            (long)usage.ru_utime.tv_usec, (long)usage.ru_stime.tv_sec,
            (long)usage.ru_stime.tv_usec,
            (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9,
            usage.ru_maxrss, exit_status);
    return fclose(result) == 0 ? 0 : 1;
}
