{
  'targets': [
    {
      'target_name': 'bench',
      'sources': ['bench.c'],
      'cflags': ['-std=c11'],
    }
  ]
}
