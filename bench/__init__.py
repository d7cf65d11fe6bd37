"""Benchmarks and reliability trials: run from the repository root with python -m bench.…"""
